using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>
/// Paints a defect onto a part, clipped to the part. Sizes are chosen so each defect stays visible
/// when the image is shrunk to 128 px: a model is trained on them.
/// </summary>
internal static class DefectPainter
{
    private static readonly SKColor[] RustColours =
    [
        new(160, 72, 22), new(184, 92, 30), new(122, 52, 20), new(196, 112, 44), new(140, 60, 28), new(96, 44, 22),
    ];

    public static void Paint(SKCanvas canvas, string defect, PartDrawing part, SurfaceFinish finish, SKPoint light, SeededRandom rng)
    {
        if (defect == "none")
            return;
        var area = part.DefectArea;
        canvas.Save();
        canvas.ClipPath(area, antialias: true);
        switch (defect)
        {
            case "scratch": Scratch(canvas, part, rng); break;
            case "dent": Dent(canvas, part, light, rng); break;
            case "rust": Rust(canvas, part, rng); break;
            case "crack": Crack(canvas, part, finish, rng); break;
            default: throw new ArgumentOutOfRangeException(nameof(defect), defect, $"expected one of {string.Join(", ", DemoCatalog.Defects)}");
        }
        canvas.Restore();
    }

    /// <summary>A random point inside the part's defect area (its centre if none is found).</summary>
    /// <remarks>With a <paramref name="clearance"/>, prefers points whose surroundings are on the part too, so the defect is not lost in a hole.</remarks>
    private static SKPoint PointOn(PartDrawing part, SeededRandom rng, float reach = 0.8f, float clearance = 0)
    {
        var r = part.Radius * reach;
        var area = part.DefectArea;
        SKPoint? fallback = null;
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var x = rng.Range(-r, r);
            var y = rng.Range(-r, r);
            if (!area.Contains(x, y))
                continue;
            if (clearance <= 0 || (area.Contains(x - clearance, y) && area.Contains(x + clearance, y) && area.Contains(x, y - clearance) && area.Contains(x, y + clearance)))
                return new SKPoint(x, y);
            fallback ??= new SKPoint(x, y);
        }
        return fallback ?? SKPoint.Empty;
    }

    private static void Scratch(SKCanvas canvas, PartDrawing part, SeededRandom rng)
    {
        // a cluster of near-parallel grooves: each a bright line (the lip catching light) beside a dark one
        var lines = rng.Between(1, 4);
        var start = PointOn(part, rng, 0.55f);
        var angle = rng.Range(0, MathF.PI);
        var length = part.Radius * rng.Range(0.9f, 1.6f);
        var dir = new SKPoint(MathF.Cos(angle), MathF.Sin(angle));
        var normal = new SKPoint(-dir.Y, dir.X);
        for (var i = 0; i < lines; i++)
        {
            var offset = (i - (lines - 1) / 2f) * rng.Range(3.5f, 7f);
            var l = length * rng.Range(0.6f, 1f);
            var along = rng.Range(-0.15f, 0.15f) * length;
            var c = new SKPoint(start.X + normal.X * offset + dir.X * along, start.Y + normal.Y * offset + dir.Y * along);
            var a = new SKPoint(c.X - dir.X * l / 2, c.Y - dir.Y * l / 2);
            var b = new SKPoint(c.X + dir.X * l / 2, c.Y + dir.Y * l / 2);
            var bend = rng.Range(-0.08f, 0.08f) * l;
            var mid = new SKPoint(c.X + normal.X * bend, c.Y + normal.Y * bend);
            using var path = new SKPathBuilder();
            path.MoveTo(a);
            path.QuadTo(mid, b);
            using var curve = path.Detach();
            var width = rng.Range(1.6f, 2.6f);
            using var dark = Shading.Stroke(new SKColor(20, 20, 20, 190), width * 0.8f);
            using var bright = Shading.Stroke(new SKColor(255, 255, 250, 235), width);
            canvas.Save();
            canvas.Translate(normal.X * width * 0.9f, normal.Y * width * 0.9f);
            canvas.DrawPath(curve, dark);
            canvas.Restore();
            canvas.DrawPath(curve, bright);
        }
    }

    private static void Dent(SKCanvas canvas, PartDrawing part, SKPoint light, SeededRandom rng)
    {
        if (!part.PaintsDent)
            return;
        var rx = part.DentSize * rng.Range(0.8f, 1.2f);
        var c = PointOn(part, rng, 0.6f, rx * 0.6f);
        var ry = rx * rng.Range(0.55f, 0.9f);
        var rotation = rng.Range(0, 180);
        canvas.Save();
        canvas.Translate(c.X, c.Y);
        canvas.RotateDegrees(rotation);
        // light in the dent's own frame, so the shading stays consistent with the scene after rotating
        var rad = -rotation * MathF.PI / 180;
        var l = new SKPoint(light.X * MathF.Cos(rad) - light.Y * MathF.Sin(rad), light.X * MathF.Sin(rad) + light.Y * MathF.Cos(rad));
        var oval = new SKRect(-rx, -ry, rx, ry);
        // a depression: the wall nearest the light is in shade, the far wall is lit
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(l.X * rx, l.Y * ry), new SKPoint(-l.X * rx, -l.Y * ry),
            [new SKColor(0, 0, 0, 215), new SKColor(0, 0, 0, 80), new SKColor(255, 255, 255, 30), new SKColor(255, 255, 255, 215)],
            [0f, 0.3f, 0.6f, 1f], SKShaderTileMode.Clamp))
        using (var blur = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 1.6f))
        using (var fill = new SKPaint { IsAntialias = true, Shader = shader, MaskFilter = blur })
            canvas.DrawOval(oval, fill);
        using (var rim = Shading.Stroke(new SKColor(0, 0, 0, 110), 1.4f))
            canvas.DrawOval(oval, rim);
        canvas.Restore();
    }

    private static void Rust(SKCanvas canvas, PartDrawing part, SeededRandom rng)
    {
        var patches = rng.Between(1, 3);
        using var blur = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 1.4f);
        for (var p = 0; p < patches; p++)
        {
            var centre = PointOn(part, rng, 0.7f);
            var spread = part.Radius * rng.Range(0.2f, 0.38f);
            var blotches = rng.Between(5, 10);
            for (var i = 0; i < blotches; i++)
            {
                var c = new SKPoint(centre.X + rng.Range(-spread, spread) * 0.7f, centre.Y + rng.Range(-spread, spread) * 0.7f);
                var r = spread * rng.Range(0.3f, 0.65f);
                var outline = new SKPoint[20];
                for (var k = 0; k < outline.Length; k++)
                {
                    var a = 2 * MathF.PI * k / outline.Length;
                    var rr = r * rng.Range(0.65f, 1.2f);
                    outline[k] = new SKPoint(c.X + rr * MathF.Cos(a), c.Y + rr * MathF.Sin(a));
                }
                using var builder = new SKPathBuilder();
                builder.AddPoly(outline);
                using var blotch = builder.Detach();
                using var paint = new SKPaint
                {
                    IsAntialias = true,
                    Color = rng.Pick(RustColours).WithAlpha((byte)rng.Between(200, 245)),
                    MaskFilter = blur,
                };
                canvas.DrawPath(blotch, paint);
            }
            // pitting: dark and orange specks make the patch read as corrosion rather than paint
            var specks = rng.Between(25, 45);
            for (var i = 0; i < specks; i++)
            {
                var c = new SKPoint(centre.X + rng.Range(-spread, spread), centre.Y + rng.Range(-spread, spread));
                var dark = rng.Chance(0.6);
                using var speck = Shading.Fill(dark ? new SKColor(70, 30, 12, 200) : new SKColor(226, 130, 52, 210));
                canvas.DrawCircle(c, rng.Range(0.7f, 2.0f), speck);
            }
        }
    }

    private static void Crack(SKCanvas canvas, PartDrawing part, SurfaceFinish finish, SeededRandom rng)
    {
        // start near the middle and run outwards in both directions so the crack spans much of the part
        var start = PointOn(part, rng, 0.35f);
        var heading = part.CrackHeading is { } along ? along + rng.Range(-0.35f, 0.35f) + (rng.Chance(0.5) ? MathF.PI : 0) : rng.Range(0, 2 * MathF.PI);
        var steps = rng.Between(7, 10);
        var stepLength = part.Radius * rng.Range(0.08f, 0.11f);
        var width = rng.Range(2.4f, 3.6f) * part.CrackWidthScale;
        // on dark finishes a black line alone vanishes: the broken edges catch the light instead
        var luma = 0.299f * finish.Base.Red + 0.587f * finish.Base.Green + 0.114f * finish.Base.Blue;
        var edge = luma < 90 ? new SKColor(235, 235, 235, 190) : new SKColor(255, 255, 255, 90);
        DrawJagged(canvas, start, heading + MathF.PI, steps, stepLength, width, edge, rng, branches: 0);
        DrawJagged(canvas, start, heading, steps, stepLength, width, edge, rng, branches: rng.Between(1, 2));
    }

    private static void DrawJagged(SKCanvas canvas, SKPoint start, float heading, int steps, float stepLength, float width, SKColor edgeColour, SeededRandom rng, int branches)
    {
        var points = new List<SKPoint> { start };
        var p = start;
        for (var i = 0; i < steps; i++)
        {
            heading += rng.Range(-0.7f, 0.7f);
            var l = stepLength * rng.Range(0.6f, 1.3f);
            p = new SKPoint(p.X + l * MathF.Cos(heading), p.Y + l * MathF.Sin(heading));
            points.Add(p);
        }
        using var builder = new SKPathBuilder();
        builder.AddPoly(points.ToArray(), close: false);
        using var crack = builder.Detach();
        using var edge = Shading.Stroke(edgeColour, width + (edgeColour.Alpha > 100 ? 2.4f : 1.6f));
        using var line = Shading.Stroke(new SKColor(12, 10, 10, 240), width);
        line.StrokeJoin = SKStrokeJoin.Miter;
        canvas.Save();
        canvas.Translate(0.8f, 0.8f);
        canvas.DrawPath(crack, edge);
        canvas.Restore();
        canvas.DrawPath(crack, line);
        for (var b = 0; b < branches; b++)
        {
            var from = points[rng.Between(2, points.Count - 2)];
            DrawJagged(canvas, from, heading + rng.Range(-1.8f, 1.8f), steps / 3, stepLength * 0.8f, width * 0.6f, edgeColour, rng, branches: 0);
        }
    }
}
