using SkiaSharp;

namespace Sly.Server.Files;

/// <summary>Reads an image's format and size without decoding its pixels.</summary>
public static class ImageProbe
{
    public sealed record ImageFacts(string Mime, string Extension, int Width, int Height);

    /// <summary>The facts, or null when the bytes are not an image SkiaSharp can read.</summary>
    public static ImageFacts? Probe(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
            return null;
        var (mime, extension) = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => ("image/jpeg", "jpg"),
            SKEncodedImageFormat.Png => ("image/png", "png"),
            SKEncodedImageFormat.Webp => ("image/webp", "webp"),
            SKEncodedImageFormat.Gif => ("image/gif", "gif"),
            SKEncodedImageFormat.Bmp => ("image/bmp", "bmp"),
            SKEncodedImageFormat.Heif => ("image/heif", "heif"),
            SKEncodedImageFormat.Avif => ("image/avif", "avif"),
            _ => ("application/octet-stream", "bin"),
        };
        var info = codec.Info;
        // Orientations 5-8 swap the axes as displayed.
        var swapped = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        return new ImageFacts(mime, extension, swapped ? info.Height : info.Width, swapped ? info.Width : info.Height);
    }
}
