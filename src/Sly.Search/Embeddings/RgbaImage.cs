using System.Buffers;

namespace Sly.Search.Embeddings;

/// <summary>
/// An 8-bit image, rows top to bottom, four interleaved bytes per pixel: red, green, blue and a fourth byte that
/// preprocessing ignores (alpha as decoded, or whatever the resampler computed from it). Pillow also keeps "RGB"
/// images as four bytes per pixel; here it lets one SIMD lane set hold one whole pixel.
/// The pixel buffer is rented from the shared array pool: dispose the image to hand it back.
/// </summary>
internal sealed class RgbaImage : IDisposable
{
    private byte[]? _pixels;

    private RgbaImage(int width, int height, byte[] pixels)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes per row: 4 × <see cref="Width"/>.</summary>
    public int Stride => Width * 4;

    /// <summary>The pixels: exactly <see cref="Height"/> × <see cref="Stride"/> bytes.</summary>
    public Span<byte> Pixels => (_pixels ?? throw new ObjectDisposedException(nameof(RgbaImage))).AsSpan(0, Height * Stride);

    /// <summary>An image with uninitialised pixels, its buffer rented from the shared pool.</summary>
    public static RgbaImage Rent(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        return new RgbaImage(width, height, ArrayPool<byte>.Shared.Rent(checked(width * height * 4)));
    }

    /// <summary>The buffer, for native code that writes into it (pin it first).</summary>
    internal byte[] Buffer => _pixels ?? throw new ObjectDisposedException(nameof(RgbaImage));

    public void Dispose()
    {
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels is not null)
            ArrayPool<byte>.Shared.Return(pixels);
    }
}
