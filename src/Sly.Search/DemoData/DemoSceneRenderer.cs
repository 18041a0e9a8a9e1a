using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>
/// Renders one demo image: background, drop shadow, shaded part, defect, lighting and camera noise.
/// Everything random comes from the image's own seeded stream, drawn in a fixed order, so the pixels
/// depend only on the seed, the label and the output size.
/// </summary>
internal static class DemoSceneRenderer
{
    /// <summary>Scenes are laid out in a 256×256 space and scaled to the requested size.</summary>
    public const float DesignSize = 256;

    public static SKBitmap Render(DemoLabel label, string background, ulong renderSeed, int size)
    {
        var rng = new SeededRandom(renderSeed);
        var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Scale(size / DesignSize);
            BackgroundPainter.Paint(canvas, background, rng);

            // the defect draws from its own stream, so the same scene with another defect differs only where the defect is
            var defectRng = new SeededRandom(renderSeed ^ 0xDEFEC7DEFEC7UL);
            using var part = PartDrawing.Create(label.Part, rng, label.Defect, defectRng);
            var finish = SurfaceFinish.For(label.Colour, rng);
            var centre = new SKPoint(DesignSize / 2 + rng.Range(-14, 14), DesignSize / 2 + rng.Range(-14, 14));
            var rotation = rng.Range(0, 360);
            var scale = rng.Range(0.85f, 1.1f);
            // light mostly from above, as under a workshop lamp
            var lightAngle = -MathF.PI / 2 + rng.Range(-1.3f, 1.3f);
            var lightImage = new SKPoint(MathF.Cos(lightAngle), MathF.Sin(lightAngle));
            var r = -rotation * MathF.PI / 180;
            var lightLocal = new SKPoint(
                lightImage.X * MathF.Cos(r) - lightImage.Y * MathF.Sin(r),
                lightImage.X * MathF.Sin(r) + lightImage.Y * MathF.Cos(r));

            var shadowDistance = rng.Range(4, 10);
            using (var blur = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, rng.Range(3, 6)))
            using (var shadow = new SKPaint { IsAntialias = true, Color = new SKColor(0, 0, 0, (byte)rng.Between(90, 150)), MaskFilter = blur })
            {
                canvas.Save();
                canvas.Translate(centre.X - lightImage.X * shadowDistance, centre.Y - lightImage.Y * shadowDistance);
                canvas.RotateDegrees(rotation);
                canvas.Scale(scale);
                canvas.DrawPath(part.Outline, shadow);
                canvas.Restore();
            }

            canvas.Save();
            canvas.Translate(centre.X, centre.Y);
            canvas.RotateDegrees(rotation);
            canvas.Scale(scale);
            part.Paint(canvas, finish, lightLocal);
            DefectPainter.Paint(canvas, label.Defect, part, finish, lightLocal, defectRng);
            canvas.Restore();

            // uneven lamp light: brighter towards the lamp, a vignette away from it
            var lamp = new SKPoint(DesignSize / 2 + lightImage.X * 150, DesignSize / 2 + lightImage.Y * 150);
            using var lampShader = SKShader.CreateRadialGradient(lamp, 330,
                [new SKColor(255, 250, 235, (byte)rng.Between(20, 60)), SKColors.Transparent, new SKColor(0, 0, 0, (byte)rng.Between(50, 110))],
                [0f, 0.45f, 1f], SKShaderTileMode.Clamp);
            using var lampPaint = Shading.Fill(lampShader);
            canvas.DrawRect(new SKRect(0, 0, DesignSize, DesignSize), lampPaint);
        }
        ApplyCamera(bitmap, rng);
        return bitmap;
    }

    /// <summary>Exposure, white balance and sensor noise, applied to the finished pixels.</summary>
    private static void ApplyCamera(SKBitmap bitmap, SeededRandom rng)
    {
        var exposure = rng.Range(0.78f, 1.18f);
        var warmth = rng.Range(-0.06f, 0.06f);
        var gainR = exposure * (1 + warmth);
        var gainG = exposure;
        var gainB = exposure * (1 - warmth);
        var sigma = rng.Range(1.5f, 6f);
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i += 4)
        {
            // luminance noise shared by the channels plus a little per-channel (chroma) noise;
            // deviates are sums of uniforms (Irwin–Hall), close to Gaussian and much cheaper than Box–Muller
            var luma = Deviate(rng.NextUInt64()) * sigma;
            var chroma = rng.NextUInt64();
            var chromaSigma = sigma * 0.35f;
            pixels[i] = Shading.ToByte(pixels[i] * gainR + luma + Triangular(chroma) * chromaSigma);
            pixels[i + 1] = Shading.ToByte(pixels[i + 1] * gainG + luma + Triangular(chroma >> 32) * chromaSigma);
            pixels[i + 2] = Shading.ToByte(pixels[i + 2] * gainB + luma - Triangular(chroma) * chromaSigma * 0.5f);
        }
    }

    /// <summary>Unit-variance deviate from four 16-bit uniforms.</summary>
    private static float Deviate(ulong bits)
    {
        var sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48);
        return (sum / 65536f - 2f) * 1.7320508f;
    }

    /// <summary>Unit-variance deviate from two 16-bit uniforms.</summary>
    private static float Triangular(ulong bits)
    {
        var sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF);
        return (sum / 65536f - 1f) * 2.4494897f;
    }
}
