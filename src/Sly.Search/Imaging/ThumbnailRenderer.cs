using SkiaSharp;

namespace Sly.Search.Imaging;

/// <summary>
/// Renders previews the way imgproxy's resize types do (fit, fill, fill-down, force, auto), honouring EXIF orientation.
/// A zero width or height leaves that side free.
/// </summary>
public static class ThumbnailRenderer
{
    /// <summary>The encoded thumbnail, or null when the bytes are not an image.</summary>
    public static byte[]? Render(ReadOnlySpan<byte> encoded, ThumbnailRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
            return null;
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
            return null;
        using var oriented = Orient(decoded, codec.EncodedOrigin);
        var (width, height, crop) = Geometry(oriented.Width, oriented.Height, request);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(request.Format == ThumbnailFormat.Jpeg ? SKColors.White : SKColors.Transparent);
        using var image = SKImage.FromBitmap(oriented);
        surface.Canvas.DrawImage(image, crop, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        var format = request.Format switch
        {
            ThumbnailFormat.Png => SKEncodedImageFormat.Png,
            ThumbnailFormat.Webp => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Jpeg,
        };
        using var encodedThumbnail = snapshot.Encode(format, request.Quality);
        return encodedThumbnail.ToArray();
    }

    /// <summary>Output size and the source rectangle drawn into it.</summary>
    public static (int Width, int Height, SKRect Source) Geometry(int sourceWidth, int sourceHeight, ThumbnailRequest request)
    {
        var full = new SKRect(0, 0, sourceWidth, sourceHeight);
        var w = request.Width;
        var h = request.Height;
        if (w == 0 && h == 0)
            return (sourceWidth, sourceHeight, full);
        var mode = request.Mode;
        if (mode == ThumbnailResize.Auto)
            mode = (w == 0 || h == 0 || (sourceWidth >= sourceHeight) == (w >= h)) ? ThumbnailResize.Fill : ThumbnailResize.Fit;
        if (w == 0)
            w = Math.Max(1, (int)Math.Round((double)sourceWidth * h / sourceHeight));
        if (h == 0)
            h = Math.Max(1, (int)Math.Round((double)sourceHeight * w / sourceWidth));
        switch (mode)
        {
            case ThumbnailResize.Force:
                return (w, h, full);
            case ThumbnailResize.Fill or ThumbnailResize.FillDown:
            {
                if (mode == ThumbnailResize.FillDown && (w > sourceWidth || h > sourceHeight))
                {
                    var shrink = Math.Min((double)sourceWidth / w, (double)sourceHeight / h);
                    w = Math.Max(1, (int)(w * shrink));
                    h = Math.Max(1, (int)(h * shrink));
                }
                var scale = Math.Max((double)w / sourceWidth, (double)h / sourceHeight);
                var cropWidth = w / scale;
                var cropHeight = h / scale;
                var left = (sourceWidth - cropWidth) / 2;
                var top = (sourceHeight - cropHeight) / 2;
                return (w, h, new SKRect((float)left, (float)top, (float)(left + cropWidth), (float)(top + cropHeight)));
            }
            default:
            {
                var scale = Math.Min(Math.Min((double)w / sourceWidth, (double)h / sourceHeight), 1.0);
                return (Math.Max(1, (int)Math.Round(sourceWidth * scale)), Math.Max(1, (int)Math.Round(sourceHeight * scale)), full);
            }
        }
    }

    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
            return bitmap.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(result);
        var w = bitmap.Width;
        var h = bitmap.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        using var source = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return result;
    }
}
