using System.Globalization;
using Sly.Search.Imaging;

namespace Sly.Server.Files;

/// <summary>
/// Parses the preview URLs clients build for imgproxy:
/// /previews/q/ext:jpeg/resize:fit:224:224:0/q:70/plain/blobs/&lt;key&gt; (options in any order, all optional).
/// </summary>
public static class PreviewPath
{
    public static (ThumbnailRequest Request, string FileKey)? Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var plain = Array.IndexOf(segments, "plain");
        if (plain < 0)
            return null;
        var source = segments.Skip(plain + 1).ToArray();
        if (source.Length != 2 || source[0] != "blobs")
            return null;
        var request = new ThumbnailRequest(0, 0);
        foreach (var option in segments.Take(plain))
        {
            var parts = option.Split(':');
            switch (parts[0])
            {
                case "ext" when parts.Length == 2:
                    request = request with
                    {
                        Format = parts[1] switch
                        {
                            "png" => ThumbnailFormat.Png,
                            "webp" => ThumbnailFormat.Webp,
                            "jpeg" or "jpg" => ThumbnailFormat.Jpeg,
                            _ => throw new FormatException($"ext:{parts[1]} is not jpeg, png or webp"),
                        },
                    };
                    break;
                case "resize" or "rs" when parts.Length >= 4:
                    request = request with
                    {
                        Mode = parts[1] switch
                        {
                            "fit" => ThumbnailResize.Fit,
                            "fill" => ThumbnailResize.Fill,
                            "fill-down" => ThumbnailResize.FillDown,
                            "force" => ThumbnailResize.Force,
                            "auto" => ThumbnailResize.Auto,
                            _ => throw new FormatException($"resize:{parts[1]} is not fit, fill, fill-down, force or auto"),
                        },
                        Width = int.Parse(parts[2], CultureInfo.InvariantCulture),
                        Height = int.Parse(parts[3], CultureInfo.InvariantCulture),
                    };
                    break;
                case "q" or "quality" when parts.Length == 2:
                    request = request with { Quality = int.Parse(parts[1], CultureInfo.InvariantCulture) };
                    break;
            }
        }
        request.Validate();
        return (request, source[1]);
    }
}
