using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>
/// One part's geometry, sampled once from the image's random stream, drawn in local coordinates
/// (origin at the part's centre, about ±80 units across at scale 1, x along the part's long axis).
/// </summary>
internal abstract class PartDrawing : IDisposable
{
    private readonly List<SKPath> _owned = [];

    /// <summary>The silhouette, holes included (even-odd), for the shadow and for clipping.</summary>
    public abstract SKPath Outline { get; }

    /// <summary>Where a defect may sit: by default the whole silhouette.</summary>
    public virtual SKPath DefectArea => Outline;

    /// <summary>Half the part's extent, used to size gradients and defects.</summary>
    public abstract float Radius { get; }

    /// <summary>Typical radius of a dent on this part: large enough to see at 128 px, small enough to stay on the part.</summary>
    public virtual float DentSize => Radius * 0.25f;

    /// <summary>Direction (radians, local) a crack should roughly follow, or null for any direction.</summary>
    public virtual float? CrackHeading => null;

    /// <summary>Crack width relative to usual, for thin parts.</summary>
    public virtual float CrackWidthScale => 1;

    /// <summary>False when the part shows the defect in its geometry instead (a spring's dent is a pinched coil).</summary>
    public virtual bool PaintsDent => true;

    /// <summary>Paints the part; <paramref name="light"/> is a unit vector towards the light in local coordinates.</summary>
    public abstract void Paint(SKCanvas canvas, SurfaceFinish finish, SKPoint light);

    /// <param name="part">The part kind.</param>
    /// <param name="rng">The scene's stream, for the geometry.</param>
    /// <param name="defect">The defect, for parts whose shape changes with it.</param>
    /// <param name="defectRng">The defect's own stream, so the rest of the scene does not depend on the defect.</param>
    public static PartDrawing Create(string part, SeededRandom rng, string defect, SeededRandom defectRng) => part switch
    {
        "gear" => new GearDrawing(rng),
        "bolt" => new BoltDrawing(rng),
        "nut" => new NutDrawing(rng),
        "washer" => new WasherDrawing(rng),
        "bracket" => new BracketDrawing(rng),
        "plate" => new PlateDrawing(rng),
        "spring" => new SpringDrawing(rng, defect == "dent" ? defectRng : null),
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, $"expected one of {string.Join(", ", DemoCatalog.Parts)}"),
    };

    public void Dispose()
    {
        foreach (var path in _owned)
            path.Dispose();
        _owned.Clear();
    }

    protected SKPath Own(SKPath path)
    {
        _owned.Add(path);
        return path;
    }

    protected SKPath Build(Action<SKPathBuilder> draw, SKPathFillType fill = SKPathFillType.EvenOdd)
    {
        using var builder = new SKPathBuilder { FillType = fill };
        draw(builder);
        return Own(builder.Detach());
    }

    protected static SKPoint[] Circle(float cx, float cy, float r, int segments = 64)
    {
        var points = new SKPoint[segments];
        for (var i = 0; i < segments; i++)
        {
            var a = 2 * MathF.PI * i / segments;
            points[i] = new SKPoint(cx + r * MathF.Cos(a), cy + r * MathF.Sin(a));
        }
        return points;
    }

    /// <summary>A directional gradient fill: bright on the side facing the light, dark away from it.</summary>
    protected static void FillShaded(SKCanvas canvas, SKPath path, SurfaceFinish finish, SKPoint light, float radius)
    {
        var lit = new SKPoint(light.X * radius, light.Y * radius);
        var away = new SKPoint(-lit.X, -lit.Y);
        using var shader = finish.Metal
            // bare metal: a bright band, a dark mirror band and a secondary reflection, like a brushed surface
            ? SKShader.CreateLinearGradient(lit, away,
                [finish.Tint(SKColors.White, 0.45f), finish.Shade(1.08f), finish.Shade(0.62f), finish.Shade(0.98f), finish.Shade(0.5f)],
                [0f, 0.3f, 0.55f, 0.75f, 1f], SKShaderTileMode.Clamp)
            : SKShader.CreateLinearGradient(lit, away,
                [finish.Tint(SKColors.White, 0.22f), finish.Base, finish.Shade(0.62f)],
                [0f, 0.45f, 1f], SKShaderTileMode.Clamp);
        using var paint = Shading.Fill(shader);
        canvas.DrawPath(path, paint);
    }

    /// <summary>The fan of light and dark sectors a turned (lathe-machined) metal face shows.</summary>
    protected static void TurnedSheen(SKCanvas canvas, SKPath clip, SurfaceFinish finish, float angleDegrees)
    {
        if (!finish.Metal)
            return;
        canvas.Save();
        canvas.ClipPath(clip, antialias: true);
        var light = new SKColor(255, 255, 255, 70);
        var dark = new SKColor(0, 0, 0, 60);
        var clear = SKColors.Transparent;
        using var shader = SKShader.CreateSweepGradient(SKPoint.Empty,
            [clear, light, clear, dark, clear, light, clear, dark, clear],
            [0f, 0.12f, 0.25f, 0.37f, 0.5f, 0.62f, 0.75f, 0.87f, 1f],
            SKMatrix.CreateRotationDegrees(angleDegrees));
        using var paint = Shading.Fill(shader);
        canvas.DrawCircle(0, 0, 400, paint);
        canvas.Restore();
    }

    /// <summary>A chamfer along the outer edge: lit edges catch light, the others fall into shade.</summary>
    protected static void Bevel(SKCanvas canvas, SKPath edge, SKPath clip, SurfaceFinish finish, SKPoint light, float radius, float width)
    {
        canvas.Save();
        canvas.ClipPath(clip, antialias: true);
        using var shader = SKShader.CreateLinearGradient(
            new SKPoint(light.X * radius, light.Y * radius), new SKPoint(-light.X * radius, -light.Y * radius),
            [Shading.WithAlpha(finish.Tint(SKColors.White, 0.7f), 0.85f), SKColors.Transparent, new SKColor(0, 0, 0, 170)],
            [0f, 0.5f, 1f], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 * width, Shader = shader, StrokeJoin = SKStrokeJoin.Round };
        canvas.DrawPath(edge, paint);
        canvas.Restore();
    }

    /// <summary>A drilled hole's chamfer: dark on the side towards the light, lit on the far side.</summary>
    protected static void HoleBevel(SKCanvas canvas, SKPoint centre, float r, SurfaceFinish finish, SKPoint light, float width)
    {
        using var shader = SKShader.CreateLinearGradient(
            new SKPoint(centre.X + light.X * r, centre.Y + light.Y * r), new SKPoint(centre.X - light.X * r, centre.Y - light.Y * r),
            [new SKColor(0, 0, 0, 190), SKColors.Transparent, Shading.WithAlpha(finish.Tint(SKColors.White, 0.6f), 0.8f)],
            [0f, 0.5f, 1f], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, Shader = shader };
        canvas.DrawCircle(centre, r + width / 2, paint);
    }

    /// <summary>A soft highlight towards the light, strongest on glossy finishes.</summary>
    protected static void Specular(SKCanvas canvas, SKPath clip, SurfaceFinish finish, SKPoint light, float radius, float spread = 0.55f)
    {
        canvas.Save();
        canvas.ClipPath(clip, antialias: true);
        var centre = new SKPoint(light.X * radius * 0.45f, light.Y * radius * 0.45f);
        using var shader = SKShader.CreateRadialGradient(centre, radius * spread,
            [new SKColor(255, 255, 255, (byte)(150 * finish.Gloss)), SKColors.Transparent], SKShaderTileMode.Clamp);
        using var paint = Shading.Fill(shader);
        canvas.DrawCircle(centre, radius * spread, paint);
        canvas.Restore();
    }

    protected static void Edge(SKCanvas canvas, SKPath path, SurfaceFinish finish, float width = 1.2f)
    {
        using var paint = Shading.Stroke(finish.Shade(0.35f), width);
        canvas.DrawPath(path, paint);
    }
}
