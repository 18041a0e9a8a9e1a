using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>Colour arithmetic and paint factories shared by the demo renderers.</summary>
internal static class Shading
{
    public static SKColor Scale(SKColor c, float factor, byte alpha = 255) => new(
        ToByte(c.Red * factor), ToByte(c.Green * factor), ToByte(c.Blue * factor), alpha);

    public static SKColor Mix(SKColor a, SKColor b, float t) => new(
        ToByte(a.Red + (b.Red - a.Red) * t),
        ToByte(a.Green + (b.Green - a.Green) * t),
        ToByte(a.Blue + (b.Blue - a.Blue) * t),
        ToByte(a.Alpha + (b.Alpha - a.Alpha) * t));

    public static SKColor WithAlpha(SKColor c, float alpha) => c.WithAlpha(ToByte(alpha * 255));

    public static SKPaint Fill(SKColor colour) => new() { IsAntialias = true, Style = SKPaintStyle.Fill, Color = colour };

    public static SKPaint Fill(SKShader shader) => new() { IsAntialias = true, Style = SKPaintStyle.Fill, Shader = shader };

    public static SKPaint Stroke(SKColor colour, float width, SKStrokeCap cap = SKStrokeCap.Round) => new()
    {
        IsAntialias = true,
        Style = SKPaintStyle.Stroke,
        Color = colour,
        StrokeWidth = width,
        StrokeCap = cap,
        StrokeJoin = SKStrokeJoin.Round,
    };

    public static byte ToByte(float v) => (byte)Math.Clamp((int)MathF.Round(v), 0, 255);
}
