using SkiaSharp;

namespace Sly.Server.Tests;

/// <summary>Small real PNG/JPEG images made in the test.</summary>
internal static class TestImages
{
    public static byte[] Solid(byte r, byte g, byte b, int width = 16, int height = 12, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(r, g, b));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
