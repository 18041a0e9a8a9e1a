using SkiaSharp;

namespace Sly.Search.DemoData;

/// <summary>
/// One image of the demo parts-inspection set: its name, dataset, ground-truth label and captions.
/// Pixels are rendered on demand and are identical for the same seed, index and size.
/// </summary>
public sealed class DemoImage
{
    private readonly ulong _renderSeed;

    internal DemoImage(int index, string dataset, DemoLabel label, string background, IReadOnlyList<string> captions, ulong renderSeed, int size)
    {
        Index = index;
        Name = $"{label.Part}-{index + 1:D6}";
        Dataset = dataset;
        Label = label;
        Background = background;
        Captions = captions;
        Size = size;
        _renderSeed = renderSeed;
    }

    /// <summary>Position in the generated set, from 0.</summary>
    public int Index { get; }

    /// <summary>File name without extension, e.g. "gear-000001" (unique within a set).</summary>
    public string Name { get; }

    /// <summary>The dataset (production line) the image belongs to: one of <see cref="DemoCatalog.Datasets"/>.</summary>
    public string Dataset { get; }

    /// <summary>Ground truth: part, colour and defect.</summary>
    public DemoLabel Label { get; }

    /// <summary>What the part lies on: one of <see cref="DemoCatalog.Backgrounds"/>.</summary>
    public string Background { get; }

    /// <summary>Several differently phrased captions, each true of the image.</summary>
    public IReadOnlyList<string> Captions { get; }

    /// <summary>Default width and height in pixels.</summary>
    public int Size { get; }

    /// <summary>Where the image goes under an output folder: "&lt;dataset&gt;/&lt;name&gt;.png", with forward slashes.</summary>
    public string RelativePath => $"{Dataset}/{Name}.png";

    /// <summary>Renders the image at its default <see cref="Size"/>. The caller disposes the bitmap.</summary>
    public SKBitmap Render() => Render(Size);

    /// <summary>Renders the image at <paramref name="size"/>×<paramref name="size"/> pixels. The caller disposes the bitmap.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is outside 16–4096.</exception>
    public SKBitmap Render(int size)
    {
        DemoImageSet.CheckSize(size, nameof(size));
        return DemoSceneRenderer.Render(Label, Background, _renderSeed, size);
    }

    /// <summary>Renders at the default <see cref="Size"/> and encodes as PNG.</summary>
    public byte[] EncodePng() => EncodePng(Size);

    /// <summary>Renders at <paramref name="size"/> pixels and encodes as PNG (RGB, no alpha).</summary>
    public byte[] EncodePng(int size)
    {
        using var bitmap = Render(size);
        using var pixmap = bitmap.PeekPixels();
        // camera noise makes these images nearly incompressible: the Sub filter at zlib level 1 encodes in about
        // half the time of the default (all filters, level 6) for files ~8% larger
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1))
            ?? throw new InvalidOperationException($"Skia could not encode {RelativePath} as PNG");
        return data.ToArray();
    }

    /// <summary>The same scene (background, pose, lighting, noise) with another label, for tests that isolate a defect.</summary>
    internal DemoImage WithLabel(DemoLabel label) => new(Index, Dataset, label, Background, Captions, _renderSeed, Size);

    /// <inheritdoc />
    public override string ToString() => $"{RelativePath} ({Label.Colour} {Label.Part}, defect: {Label.Defect})";
}
