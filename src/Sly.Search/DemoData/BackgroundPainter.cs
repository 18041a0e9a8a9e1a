using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>Paints the surface a part lies on, in the 256×256 design space.</summary>
internal static class BackgroundPainter
{
    private const float Size = DemoSceneRenderer.DesignSize;

    public static void Paint(SKCanvas canvas, string background, SeededRandom rng)
    {
        canvas.Save();
        if (rng.Chance(0.5))
            canvas.RotateDegrees(90, Size / 2, Size / 2);
        switch (background)
        {
            case "bench": Bench(canvas, rng); break;
            case "conveyor": Conveyor(canvas, rng); break;
            case "table": Table(canvas, rng); break;
            default: throw new ArgumentOutOfRangeException(nameof(background), background, $"expected one of {string.Join(", ", DemoCatalog.Backgrounds)}");
        }
        Mottle(canvas, rng);
        canvas.Restore();
    }

    private static void Bench(SKCanvas canvas, SeededRandom rng)
    {
        SKColor[] woods = [new(152, 110, 68), new(174, 132, 86), new(118, 84, 54), new(136, 112, 84)];
        var wood = Shading.Scale(rng.Pick(woods), rng.Range(0.85f, 1.1f));
        var plank = rng.Range(44, 72);
        for (var y = -rng.Range(0, plank); y < Size; y += plank)
        {
            using (var fill = Shading.Fill(Shading.Scale(wood, rng.Range(0.88f, 1.1f))))
                canvas.DrawRect(new SKRect(0, y, Size, y + plank), fill);
            // grain: long, slightly wavy darker fibres
            var fibres = rng.Between(8, 16);
            for (var i = 0; i < fibres; i++)
            {
                var fy = y + rng.Range(2, plank - 2);
                var amplitude = rng.Range(0.5f, 3f);
                using var grain = Shading.Stroke(new SKColor(60, 35, 15, (byte)rng.Between(18, 48)), rng.Range(0.6f, 1.6f));
                using var builder = new SKPathBuilder();
                builder.MoveTo(0, fy);
                for (var x = 32f; x <= Size + 32; x += 32)
                    builder.QuadTo(x - 16, fy + rng.Range(-amplitude, amplitude), x, fy + rng.Range(-amplitude, amplitude) * 0.5f);
                using var path = builder.Detach();
                canvas.DrawPath(path, grain);
            }
            using var gap = Shading.Stroke(new SKColor(40, 25, 12, 200), 2f, SKStrokeCap.Butt);
            canvas.DrawLine(0, y, Size, y, gap);
        }
    }

    private static void Conveyor(SKCanvas canvas, SeededRandom rng)
    {
        var shade = rng.Range(38, 66);
        var tint = rng.Range(-6, 6);
        var belt = new SKColor(Shading.ToByte(shade), Shading.ToByte(shade + tint * 0.5f), Shading.ToByte(shade + tint));
        using (var fill = Shading.Fill(belt))
            canvas.DrawRect(new SKRect(0, 0, Size, Size), fill);
        // transverse cleats with a lit top edge and a shadow below
        var spacing = rng.Range(18, 32);
        using var lit = Shading.Stroke(Shading.Scale(belt, 1.7f), 2.2f, SKStrokeCap.Butt);
        using var dark = Shading.Stroke(Shading.Scale(belt, 0.45f), 2.2f, SKStrokeCap.Butt);
        for (var x = -rng.Range(0, spacing); x < Size; x += spacing)
        {
            canvas.DrawLine(x, 0, x, Size, lit);
            canvas.DrawLine(x + 2.2f, 0, x + 2.2f, Size, dark);
        }
        if (rng.Chance(0.7))
        {
            // steel side rails
            var rail = rng.Range(10, 18);
            foreach (var top in new[] { 0f, Size - rail })
            {
                using var shader = SKShader.CreateLinearGradient(new SKPoint(0, top), new SKPoint(0, top + rail),
                    [new SKColor(120, 124, 130), new SKColor(210, 214, 220), new SKColor(90, 92, 98)], [0f, 0.4f, 1f], SKShaderTileMode.Clamp);
                using var paint = Shading.Fill(shader);
                canvas.DrawRect(new SKRect(0, top, Size, top + rail), paint);
            }
        }
    }

    private static void Table(SKCanvas canvas, SeededRandom rng)
    {
        SKColor[] mats = [new(62, 104, 86), new(88, 104, 122), new(184, 184, 178), new(150, 156, 160), new(40, 70, 60)];
        var mat = Shading.Scale(rng.Pick(mats), rng.Range(0.9f, 1.08f));
        using (var fill = Shading.Fill(mat))
            canvas.DrawRect(new SKRect(0, 0, Size, Size), fill);
        var grid = rng.Chance(0.5) ? 16f : 20f;
        var light = mat.Red + mat.Green + mat.Blue > 450;
        var lineColour = light ? new SKColor(0, 0, 0, 38) : new SKColor(255, 255, 255, 42);
        using var thin = Shading.Stroke(lineColour, 0.8f, SKStrokeCap.Butt);
        using var thick = Shading.Stroke(lineColour, 1.6f, SKStrokeCap.Butt);
        var offset = rng.Range(0, grid);
        var i = 0;
        for (var v = offset - grid; v < Size; v += grid, i++)
        {
            var paint = i % 5 == 0 ? thick : thin;
            canvas.DrawLine(v, 0, v, Size, paint);
            canvas.DrawLine(0, v, Size, v, paint);
        }
    }

    /// <summary>Large soft light and dark blotches so no background is perfectly flat.</summary>
    private static void Mottle(SKCanvas canvas, SeededRandom rng)
    {
        var count = rng.Between(6, 12);
        for (var i = 0; i < count; i++)
        {
            var c = new SKPoint(rng.Range(0, Size), rng.Range(0, Size));
            var r = rng.Range(30, 90);
            var colour = rng.Chance(0.5) ? new SKColor(0, 0, 0, (byte)rng.Between(10, 30)) : new SKColor(255, 255, 255, (byte)rng.Between(6, 20));
            using var shader = SKShader.CreateRadialGradient(c, r, [colour, SKColors.Transparent], SKShaderTileMode.Clamp);
            using var paint = Shading.Fill(shader);
            canvas.DrawCircle(c, r, paint);
        }
    }
}
