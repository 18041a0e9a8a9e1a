namespace Sly.Search.DemoData;

/// <summary>
/// Generates the demo "parts inspection" image set: rendered industrial parts (gears, bolts, nuts, washers,
/// brackets, plates, springs) in several finishes, some with a defect, spread over three datasets, with
/// ground-truth labels and captions. The same seed always gives the same set, byte for byte.
/// </summary>
public static class DemoImageSet
{
    /// <summary>Default image width and height in pixels.</summary>
    public const int DefaultSize = 256;

    /// <summary>Smallest allowed image size.</summary>
    public const int MinSize = 16;

    /// <summary>Largest allowed image size.</summary>
    public const int MaxSize = 4096;

    // Each production line has its own mix, so per-dataset charts show real differences.
    private static readonly double[] DatasetWeights = [0.4, 0.35, 0.25];

    private static readonly double[][] PartWeights =
    [
        [1.0, 1.6, 1.6, 1.4, 0.8, 0.8, 1.0], // line-a: fasteners
        [1.6, 1.0, 1.0, 1.0, 1.0, 1.0, 1.5], // line-b: gears and springs
        [0.9, 0.8, 0.8, 0.8, 1.6, 1.6, 1.0], // line-c: sheet metal
    ];

    private static readonly double[] ColourWeights = [2.0, 1.2, 1.0, 1.2, 0.8, 0.8, 0.7, 0.6];

    private static readonly double[][] DefectWeights =
    [
        [0.40, 0.12, 0.12, 0.24, 0.12], // line-a: humid store, more rust
        [0.40, 0.24, 0.14, 0.10, 0.12], // line-b: conveyor transfer, more scratches
        [0.45, 0.12, 0.18, 0.07, 0.18], // line-c: press shop, more dents and cracks
    ];

    private static readonly double[][] BackgroundWeights =
    [
        [0.6, 0.2, 0.2],
        [0.15, 0.65, 0.2],
        [0.2, 0.2, 0.6],
    ];

    /// <summary>
    /// The first <paramref name="count"/> images of the set for <paramref name="seed"/>. Labels and captions are
    /// computed as you enumerate; pixels only when you call <see cref="DemoImage.Render()"/> or <see cref="DemoImage.EncodePng()"/>.
    /// Image <c>i</c> is the same whatever <paramref name="count"/> is.
    /// </summary>
    /// <param name="count">How many images, 0 or more.</param>
    /// <param name="seed">Any integer; the same seed gives the same images.</param>
    /// <param name="size">Default width and height of each image, 16–4096 pixels.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="size"/> is out of range.</exception>
    public static IEnumerable<DemoImage> Generate(int count, long seed, int size = DefaultSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckSize(size, nameof(size));
        return Iterate(count, seed, size);
    }

    /// <summary>Image <paramref name="index"/> of the set for <paramref name="seed"/>, without generating the ones before it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or <paramref name="size"/> is out of range.</exception>
    public static DemoImage Get(int index, long seed, int size = DefaultSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        CheckSize(size, nameof(size));
        return Create(index, seed, size);
    }

    private static IEnumerable<DemoImage> Iterate(int count, long seed, int size)
    {
        for (var i = 0; i < count; i++)
            yield return Create(i, seed, size);
    }

    private static DemoImage Create(int index, long seed, int size)
    {
        var rng = SeededRandom.ForItem(seed, index);
        var line = rng.PickWeighted(DatasetWeights);
        var part = DemoCatalog.Parts[rng.PickWeighted(PartWeights[line])];
        var colour = DemoCatalog.Colours[rng.PickWeighted(ColourWeights)];
        var defect = DemoCatalog.Defects[rng.PickWeighted(DefectWeights[line])];
        var background = DemoCatalog.Backgrounds[rng.PickWeighted(BackgroundWeights[line])];
        var label = new DemoLabel(part, colour, defect);
        var captions = DemoCaptions.For(label, background, rng);
        var renderSeed = rng.NextUInt64();
        return new DemoImage(index, DemoCatalog.Datasets[line], label, background, captions, renderSeed, size);
    }

    internal static void CheckSize(int size, string parameterName)
    {
        if (size is < MinSize or > MaxSize)
            throw new ArgumentOutOfRangeException(parameterName, size, $"image size must be {MinSize}–{MaxSize} pixels");
    }
}
