namespace Sly.Search.Imaging;

/// <summary>What preview to render: box size (0 = free), resize type, format and quality (1–100).</summary>
public sealed record ThumbnailRequest(int Width, int Height, ThumbnailResize Mode = ThumbnailResize.Fit, ThumbnailFormat Format = ThumbnailFormat.Jpeg, int Quality = 70)
{
    public void Validate()
    {
        if (Width is < 0 or > 4096)
            throw new ArgumentOutOfRangeException(nameof(Width), Width, "width must be 0 (free) to 4096 pixels");
        if (Height is < 0 or > 4096)
            throw new ArgumentOutOfRangeException(nameof(Height), Height, "height must be 0 (free) to 4096 pixels");
        if (Quality is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(Quality), Quality, "quality must be 1 to 100");
    }
}

/// <summary>imgproxy's resize types.</summary>
public enum ThumbnailResize
{
    Fit,
    Fill,
    FillDown,
    Force,
    Auto,
}

/// <summary>Encodings a preview can have.</summary>
public enum ThumbnailFormat
{
    Jpeg,
    Png,
    Webp,
}
