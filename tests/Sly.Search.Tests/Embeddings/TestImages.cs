using SkiaSharp;

namespace Sly.Search.Tests.Embeddings;

/// <summary>Encoded test images with exactly known pixels.</summary>
internal static class TestImages
{
    public static byte[] Png(int width, int height, Func<int, int, SKColor> pixel, SKAlphaType alpha = SKAlphaType.Unpremul)
    {
        using var bitmap = Bitmap(width, height, pixel, alpha);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static byte[] Jpeg(int width, int height, Func<int, int, SKColor> pixel, int quality = 95)
    {
        using var bitmap = Bitmap(width, height, pixel, SKAlphaType.Opaque);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    public static byte[] WebpLossless(int width, int height, Func<int, int, SKColor> pixel)
    {
        using var bitmap = Bitmap(width, height, pixel, SKAlphaType.Opaque);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100))
            ?? throw new InvalidOperationException("Skia could not encode WebP");
        return data.ToArray();
    }

    public static byte[] GrayPng(int width, int height, Func<int, int, byte> level)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        var span = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                span[y * bitmap.RowBytes + x] = level(x, y);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A 24-bit bottom-up BMP, written by hand.</summary>
    public static byte[] Bmp(int width, int height, Func<int, int, SKColor> pixel)
    {
        var rowSize = (width * 3 + 3) / 4 * 4;
        var imageSize = rowSize * height;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write((byte)'B');
        writer.Write((byte)'M');
        writer.Write(54 + imageSize);
        writer.Write(0);
        writer.Write(54);
        writer.Write(40);
        writer.Write(width);
        writer.Write(height);
        writer.Write((short)1);
        writer.Write((short)24);
        writer.Write(0);
        writer.Write(imageSize);
        writer.Write(2835);
        writer.Write(2835);
        writer.Write(0);
        writer.Write(0);
        for (var y = height - 1; y >= 0; y--)
        {
            for (var x = 0; x < width; x++)
            {
                var c = pixel(x, y);
                writer.Write(c.Blue);
                writer.Write(c.Green);
                writer.Write(c.Red);
            }
            for (var p = width * 3; p < rowSize; p++)
                writer.Write((byte)0);
        }
        return stream.ToArray();
    }

    /// <summary>A 1×1 GIF whose only pixel is palette entry 0, red (255, 0, 0); no transparency.</summary>
    public static byte[] RedGif() =>
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, // screen 1×1, global palette of 2 colours
        255, 0, 0, 0, 0, 255,                // palette: red, blue
        (byte)',', 0, 0, 0, 0, 1, 0, 1, 0, 0, // image 1×1 at (0, 0)
        2, 2, 0x44, 0x01, 0,                  // LZW: clear, index 0, end
        (byte)';',
    ];

    /// <summary>Inserts an EXIF APP1 segment carrying <paramref name="orientation"/> (1–8) right after the JPEG's SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at offset 8
            0, 1,                                   // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,           // tag 0x0112 Orientation, type SHORT, count 1
            (byte)(orientation >> 8), (byte)orientation, 0, 0,
            0, 0, 0, 0,                             // no next IFD
        ];
        var payload = (byte[])[.. "Exif\0\0"u8, .. tiff];
        var length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    private static SKBitmap Bitmap(int width, int height, Func<int, int, SKColor> pixel, SKAlphaType alpha)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, alpha));
        var span = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var c = pixel(x, y);
                var o = y * bitmap.RowBytes + x * 4;
                span[o] = c.Red;
                span[o + 1] = c.Green;
                span[o + 2] = c.Blue;
                span[o + 3] = alpha == SKAlphaType.Opaque ? (byte)255 : c.Alpha;
            }
        return bitmap;
    }
}
