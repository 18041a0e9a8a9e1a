using System.Globalization;
using System.Net;
using System.Text;
using Sly.Api;
using Sly.Interactive.Client;

namespace Sly.Interactive.Visuals;

/// <summary>
/// A responsive grid of thumbnails with name, dataset and score. Thumbnails are fetched once (the server's imgproxy
/// preview of each image, as the Python SDK builds it), cached, and embedded in the HTML, so a saved notebook still
/// shows them offline. Every string is HTML-escaped.
/// </summary>
public sealed class Gallery
{
    private Gallery(string? title, IReadOnlyList<GalleryTile> tiles, int size)
    {
        Title = title;
        Tiles = tiles;
        ThumbnailSize = size;
    }

    /// <summary>The heading shown above the grid.</summary>
    public string? Title { get; }

    /// <summary>One tile per image, in order.</summary>
    public IReadOnlyList<GalleryTile> Tiles { get; }

    /// <summary>Thumbnail edge in pixels.</summary>
    public int ThumbnailSize { get; }

    /// <summary>Builds a gallery of <paramref name="images"/> (in their order), fetching thumbnails 8 at a time.</summary>
    public static async Task<Gallery> CreateAsync(SlyApi api, IEnumerable<ImageInfo> images, string? title = null, int thumbnailSize = 160,
        IReadOnlyDictionary<long, string>? datasetNames = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(images);
        if (thumbnailSize is < 32 or > 1024)
            throw new ArgumentOutOfRangeException(nameof(thumbnailSize), thumbnailSize, "thumbnailSize must be 32 to 1024 pixels");
        var list = images.ToList();
        var names = datasetNames?.ToDictionary() ?? new Dictionary<long, string>();
        foreach (var datasetId in list.Select(i => i.DatasetId).OfType<long>().Distinct().Where(id => !names.ContainsKey(id)))
            names[datasetId] = (await api.Dataset.GetInfoByIdAsync(datasetId, cancellationToken))?.Name ?? datasetId.ToString(CultureInfo.InvariantCulture);

        var files = api.Files;
        using var gate = new SemaphoreSlim(8);
        var tiles = await Task.WhenAll(list.Select(async image =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var dataset = image.DatasetId is { } id ? names[id] : "";
                var url = PreviewUrl(image, thumbnailSize);
                if (url is null)
                    return new GalleryTile(image.Id, image.Name, dataset, image.AiSearchMeta?.Score, null, "no storage URL");
                var bytes = await ThumbnailCache.GetAsync(url, async () =>
                {
                    using var response = await files.GetAsync(url, cancellationToken);
                    return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
                });
                return bytes is null
                    ? new GalleryTile(image.Id, image.Name, dataset, image.AiSearchMeta?.Score, null, "preview unavailable")
                    : new GalleryTile(image.Id, image.Name, dataset, image.AiSearchMeta?.Score, "data:image/jpeg;base64," + Convert.ToBase64String(bytes), null);
            }
            finally
            {
                gate.Release();
            }
        }));
        return new Gallery(title, tiles, thumbnailSize);
    }

    /// <summary>The preview URL the SDK builds for an image: &lt;host&gt;/previews/q/ext:jpeg/resize:fill:W:H:0/q:70/plain&lt;storage path&gt;.</summary>
    public static string? PreviewUrl(ImageInfo image, int size)
    {
        if (image.FullStorageUrl is null || !Uri.TryCreate(image.FullStorageUrl, UriKind.Absolute, out var storage))
            return null;
        return $"{storage.GetLeftPart(UriPartial.Authority)}/previews/q/ext:jpeg/resize:fill:{size}:{size}:0/q:70/plain{storage.AbsolutePath}";
    }

    /// <summary>The gallery as self-contained HTML (thumbnails embedded).</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        var min = ThumbnailSize.ToString(CultureInfo.InvariantCulture);
        html.Append("<div class=\"sly-gallery\">");
        if (Title is not null)
            html.Append("<div class=\"sly-gallery-title\" style=\"font:600 14px system-ui,sans-serif;margin:4px 0\">").Append(WebUtility.HtmlEncode(Title))
                .Append(" <span style=\"font-weight:400;color:#666\">(").Append(Tiles.Count).Append(" images)</span></div>");
        html.Append("<div style=\"display:grid;grid-template-columns:repeat(auto-fill,minmax(").Append(min).Append("px,1fr));gap:8px\">");
        foreach (var tile in Tiles)
        {
            html.Append("<figure class=\"sly-tile\" data-image-id=\"").Append(tile.ImageId).Append("\" style=\"margin:0;font:11px system-ui,sans-serif;border:1px solid #e3e3e3;border-radius:4px;overflow:hidden;background:#fafafa\">");
            if (tile.ImageSource is not null)
                html.Append("<img loading=\"lazy\" style=\"width:100%;aspect-ratio:1;object-fit:cover;display:block\" src=\"").Append(tile.ImageSource)
                    .Append("\" alt=\"").Append(WebUtility.HtmlEncode(tile.Name)).Append("\">");
            else
                html.Append("<div style=\"aspect-ratio:1;display:flex;align-items:center;justify-content:center;color:#a00\">").Append(WebUtility.HtmlEncode(tile.Error ?? "")).Append("</div>");
            html.Append("<figcaption style=\"padding:3px 5px\"><div style=\"white-space:nowrap;overflow:hidden;text-overflow:ellipsis\" title=\"")
                .Append(WebUtility.HtmlEncode(tile.Name)).Append("\">").Append(WebUtility.HtmlEncode(tile.Name)).Append("</div><div style=\"color:#666\">")
                .Append(WebUtility.HtmlEncode(tile.Dataset));
            if (tile.Score is { } score)
                html.Append(" · <b>").Append(score.ToString("0.000", CultureInfo.InvariantCulture)).Append("</b>");
            html.Append("</div></figcaption></figure>");
        }
        return html.Append("</div></div>").ToString();
    }

    /// <summary>What a console shows for the gallery: its title, size and the first images with their scores.</summary>
    public override string ToString()
    {
        const int shown = 8;
        var names = Tiles.Take(shown).Select(t => t.Score is { } score ? $"{t.Name} ({score.ToString("0.000", CultureInfo.InvariantCulture)})" : t.Name);
        var more = Tiles.Count > shown ? $", … {Tiles.Count - shown} more" : "";
        return $"{(Title is null ? "Gallery" : "Gallery '" + Title + "'")} of {Tiles.Count} image{(Tiles.Count == 1 ? "" : "s")}{(Tiles.Count > 0 ? ": " + string.Join(", ", names) + more : "")}";
    }
}
