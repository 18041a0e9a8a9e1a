using System.Runtime.InteropServices;
using SkiaSharp;

namespace Sly.Search.Embeddings;

/// <summary>
/// Decodes JPEG, PNG, WebP, BMP and GIF (first frame) with Skia into 8-bit RGB(A) the way CLIP's
/// <c>PIL.Image.open(...).convert("RGB")</c> sees it, after applying the EXIF orientation as
/// Hugging Face's <c>load_image</c> (<c>ImageOps.exif_transpose</c>) does.
/// </summary>
internal static class ImageDecoder
{
    /// <summary>Pillow refuses images over twice its MAX_IMAGE_PIXELS (89,478,485) as decompression bombs; so do we.</summary>
    public const long MaxPixels = 2 * 89_478_485L;

    /// <summary>Decodes into an upright RGBA image; the caller disposes it.</summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="minShortSide">Null: full size. Else a JPEG may be decoded at 1/2, 1/4 or 1/8 of its size
    /// (libjpeg's DCT scaling) while its shorter side stays at least this long.</param>
    public static RgbaImage Decode(ReadOnlySpan<byte> encoded, double? minShortSide = null)
    {
        if (encoded.IsEmpty)
            throw new ImageDecodeException("the image is empty (0 bytes)");
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageDecodeException("not a recognised image format (expected JPEG, PNG, WebP, BMP or GIF)");
        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width < 1 || height < 1)
            throw new ImageDecodeException($"the image has no pixels ({width}×{height})");
        if ((long)width * height > MaxPixels)
            throw new ImageDecodeException($"the image is {width}×{height}, more than {MaxPixels:N0} pixels (Pillow's decompression-bomb limit)");
        if (minShortSide is { } floor && codec.EncodedFormat == SKEncodedImageFormat.Jpeg)
            (width, height) = ReducedSize(codec, floor);
        // unpremultiplied and without a colour space: Skia then neither multiplies colours by alpha nor converts
        // them between colour profiles, so we get the stored values, as Pillow does; convert("RGB") then drops
        // alpha without compositing, which is what ignoring the fourth byte does
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var image = RgbaImage.Rent(width, height);
        try
        {
            var handle = GCHandle.Alloc(image.Buffer, GCHandleType.Pinned);
            SKCodecResult result;
            try
            {
                result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            }
            finally
            {
                handle.Free();
            }
            if (result != SKCodecResult.Success)
                throw new ImageDecodeException(result == SKCodecResult.IncompleteInput
                    ? "the image data is truncated"
                    : $"the image could not be decoded ({result})");
            var upright = Orient(image, codec.EncodedOrigin);
            if (!ReferenceEquals(upright, image))
                image.Dispose();
            return upright;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static (int Width, int Height) ReducedSize(SKCodec codec, double minShortSide)
    {
        var size = codec.Info.Size;
        foreach (var scale in new[] { 0.125f, 0.25f, 0.5f })
        {
            var scaled = codec.GetScaledDimensions(scale);
            if (scaled.Width > 0 && scaled.Height > 0 && Math.Min(scaled.Width, scaled.Height) >= minShortSide)
                return (scaled.Width, scaled.Height);
        }
        return (size.Width, size.Height);
    }

    /// <summary>Turns stored pixels upright according to the EXIF orientation: the same image when already upright, else a new one.</summary>
    internal static RgbaImage Orient(RgbaImage image, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft)
            return image;
        var w = image.Width;
        var h = image.Height;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var outWidth = swap ? h : w;
        var outHeight = swap ? w : h;
        var source = MemoryMarshal.Cast<byte, uint>(image.Pixels);
        var upright = RgbaImage.Rent(outWidth, outHeight);
        var output = MemoryMarshal.Cast<byte, uint>(upright.Pixels);
        for (var y = 0; y < outHeight; y++)
        {
            for (var x = 0; x < outWidth; x++)
            {
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),        // mirrored horizontally
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y), // rotated 180°
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),      // mirrored vertically
                    SKEncodedOrigin.LeftTop => (y, x),                 // transposed
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),        // needs 90° clockwise
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x), // transverse
                    SKEncodedOrigin.LeftBottom => (w - 1 - y, x),      // needs 90° counter-clockwise
                    _ => (x, y),
                };
                output[y * outWidth + x] = source[sy * w + sx];
            }
        }
        return upright;
    }
}
