namespace Sly.Search.Embeddings;

/// <summary>An 8-bit RGB image, rows top to bottom, three interleaved bytes per pixel (what PIL calls mode "RGB").</summary>
internal sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != width * height * 3)
            throw new ArgumentException($"must hold width × height × 3 = {width * height * 3} bytes, not {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }
}
