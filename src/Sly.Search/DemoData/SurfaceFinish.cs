using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>How a part's surface looks: base colour, bare metal or paint, and how glossy.</summary>
internal readonly record struct SurfaceFinish(SKColor Base, bool Metal, float Gloss)
{
    public static SurfaceFinish For(string colour, SeededRandom rng)
    {
        var (finish, jitter) = colour switch
        {
            "steel" => (new SurfaceFinish(new SKColor(150, 156, 164), true, 0.9f), 0.10f),
            "brass" => (new SurfaceFinish(new SKColor(200, 160, 66), true, 0.8f), 0.08f),
            "copper" => (new SurfaceFinish(new SKColor(192, 108, 66), true, 0.8f), 0.08f),
            "black-oxide" => (new SurfaceFinish(new SKColor(54, 54, 60), true, 0.45f), 0.10f),
            "red" => (new SurfaceFinish(new SKColor(190, 36, 32), false, 0.5f), 0.08f),
            "blue" => (new SurfaceFinish(new SKColor(34, 82, 178), false, 0.5f), 0.08f),
            "yellow" => (new SurfaceFinish(new SKColor(232, 190, 38), false, 0.4f), 0.06f),
            "green" => (new SurfaceFinish(new SKColor(44, 132, 70), false, 0.45f), 0.08f),
            _ => throw new ArgumentOutOfRangeException(nameof(colour), colour, $"expected one of {string.Join(", ", DemoCatalog.Colours)}"),
        };
        var f = 1 + rng.Range(-jitter, jitter);
        return finish with { Base = Shading.Scale(finish.Base, f) };
    }

    public SKColor Shade(float factor) => Shading.Scale(Base, factor);

    public SKColor Tint(SKColor target, float amount) => Shading.Mix(Base, target, amount);
}
