using Microsoft.Data.Analysis;
using Sly.Api;

namespace Sly.Interactive.Visuals;

/// <summary>Image infos and search results as DataFrames (Microsoft.Data.Analysis), one row per image.</summary>
public static class ImageFrames
{
    /// <summary>
    /// Columns: id, name, dataset (name when <paramref name="datasetNames"/> knows it, else the id), datasetId, score
    /// (AI-search score, NaN when none), width, height, size, mime, createdAt, embeddingsUpdatedAt.
    /// </summary>
    public static DataFrame ToDataFrame(this IEnumerable<ImageInfo> images, IReadOnlyDictionary<long, string>? datasetNames = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        var list = images.ToList();
        string DatasetName(ImageInfo i) => i.DatasetId is { } id ? datasetNames?.GetValueOrDefault(id) ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return new DataFrame(
            new Int64DataFrameColumn("id", list.Select(i => (long?)i.Id)),
            new StringDataFrameColumn("name", list.Select(i => i.Name)),
            new StringDataFrameColumn("dataset", list.Select(DatasetName)),
            new Int64DataFrameColumn("datasetId", list.Select(i => i.DatasetId)),
            new SingleDataFrameColumn("score", list.Select(i => (float?)(i.AiSearchMeta?.Score ?? float.NaN))),
            new Int32DataFrameColumn("width", list.Select(i => i.Width)),
            new Int32DataFrameColumn("height", list.Select(i => i.Height)),
            new Int64DataFrameColumn("size", list.Select(i => i.Size)),
            new StringDataFrameColumn("mime", list.Select(i => i.Mime ?? "")),
            new StringDataFrameColumn("createdAt", list.Select(i => i.CreatedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "")),
            new StringDataFrameColumn("embeddingsUpdatedAt", list.Select(i => i.EmbeddingsUpdatedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "")));
    }
}
