using System.Globalization;
using System.Text.Json.Nodes;
using Sly.Api;
using Sly.Interactive.Client;
using Sly.Interactive.Visuals.Plotly;

namespace Sly.Interactive.Visuals;

/// <summary>plotly.js charts of a project's embeddings and search results (<see cref="PlotlyFigure"/>); they render offline.</summary>
public static class Charts
{
    private const int Width = 900;
    private const int Height = 480;

    private static readonly string[] Palette =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363",
    ];

    /// <summary>
    /// The project's 2-D projection, one trace per cluster (noise, -1, in grey); hovering shows the image name and
    /// dataset, and each point carries its image id (customdata). <paramref name="highlight"/> (e.g. the last search's
    /// hits) is drawn on top as a separate trace.
    /// </summary>
    public static PlotlyFigure ClusterScatter(SlyProjectsProjectionsResponse projection, IEnumerable<long>? highlight = null,
        string title = "Embeddings (PCA) by cluster", IReadOnlyDictionary<long, string>? datasetNames = null)
    {
        ArgumentNullException.ThrowIfNull(projection);
        string Hover(ProjectionPoint p) => p.Name + " · " + (datasetNames?.GetValueOrDefault(p.DatasetId) ?? "dataset " + p.DatasetId.ToString(CultureInfo.InvariantCulture));
        var traces = new JsonArray();
        foreach (var cluster in projection.Points.GroupBy(p => p.Cluster).OrderBy(g => g.Key))
        {
            var color = cluster.Key < 0 ? "#b0b0b0" : Palette[cluster.Key % Palette.Length];
            traces.Add(Points(cluster.ToList(), cluster.Key < 0 ? "noise" : "cluster " + cluster.Key.ToString(CultureInfo.InvariantCulture), Hover,
                new JsonObject { ["color"] = color, ["opacity"] = 0.8, ["size"] = 7 }));
        }
        var hits = highlight?.ToHashSet() ?? [];
        if (hits.Count > 0)
        {
            traces.Add(Points(projection.Points.Where(p => hits.Contains(p.ImageId)).ToList(), "search hits", p => "hit: " + Hover(p),
                new JsonObject { ["color"] = "#000000", ["symbol"] = "diamond", ["size"] = 9 }));
        }
        return new PlotlyFigure(traces, Layout(title, "component 1", "component 2"));
    }

    /// <summary>Fetches the projection (sly.projects.projections) and draws it, highlighting a collection's images.</summary>
    public static async Task<PlotlyFigure> ClusterScatterAsync(SlyApi api, long projectId, long? highlightCollectionId = null, string clusteringMethod = "kmeans",
        int? numClusters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        var projection = await api.Raw.SlyProjectsProjectionsAsync(new SlyProjectsProjectionsRequest
        {
            ProjectId = projectId, Method = ProjectionMethod.Pca, ClusteringMethod = clusteringMethod, NumberOfClusters = numClusters,
        }, cancellationToken);
        var highlight = highlightCollectionId is { } id ? (await api.EntitiesCollection.GetItemsAsync(id, projectId: projectId, cancellationToken: cancellationToken)).Select(i => i.Id) : null;
        var names = (await api.Dataset.GetListAsync(projectId, cancellationToken: cancellationToken)).ToDictionary(d => d.Id, d => d.Name);
        return ClusterScatter(projection, highlight, datasetNames: names);
    }

    /// <summary>
    /// One bar group per dataset: images, embedded images and (when counted) search hits; with a projection the images
    /// are stacked by cluster instead (without the hits).
    /// </summary>
    public static PlotlyFigure DatasetDistribution(SlyProjectsDatasetCountsResponse counts, SlyProjectsProjectionsResponse? byCluster = null,
        string title = "Images per dataset")
    {
        ArgumentNullException.ThrowIfNull(counts);
        var datasets = counts.Items.Select(i => i.DatasetName).ToList();
        var traces = new JsonArray();
        if (byCluster is not null)
        {
            var order = counts.Items.Select(i => i.DatasetId).ToList();
            foreach (var cluster in byCluster.Points.GroupBy(p => p.Cluster).OrderBy(g => g.Key))
            {
                traces.Add(Bars(datasets, order.Select(id => (long)cluster.Count(p => p.DatasetId == id)),
                    cluster.Key < 0 ? "noise" : "cluster " + cluster.Key.ToString(CultureInfo.InvariantCulture),
                    cluster.Key < 0 ? "#b0b0b0" : Palette[cluster.Key % Palette.Length]));
            }
        }
        else
        {
            traces.Add(Bars(datasets, counts.Items.Select(i => i.ImagesCount), "images", "#9ecae1"));
            traces.Add(Bars(datasets, counts.Items.Select(i => i.EmbeddedCount), "embedded", "#3182bd"));
            // Stacked by cluster, a hits bar would pile onto the clusters; hits are shown in the unstacked chart only.
            if (counts.Items.Any(i => i.HitsCount is not null))
                traces.Add(Bars(datasets, counts.Items.Select(i => i.HitsCount ?? 0), "search hits", "#e6550d"));
        }
        var layout = Layout(title, "dataset", "images");
        layout["barmode"] = byCluster is null ? "group" : "stack";
        return new PlotlyFigure(traces, layout);
    }

    /// <summary>Fetches per-dataset counts (and the hits of a collection) and draws them.</summary>
    public static async Task<PlotlyFigure> DatasetDistributionAsync(SlyApi api, long projectId, long? collectionId = null, bool stackByCluster = false,
        int? numClusters = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        var counts = await api.Raw.SlyProjectsDatasetCountsAsync(new SlyProjectsDatasetCountsRequest { ProjectId = projectId, CollectionId = collectionId }, cancellationToken);
        var projection = stackByCluster
            ? await api.Raw.SlyProjectsProjectionsAsync(new SlyProjectsProjectionsRequest { ProjectId = projectId, NumberOfClusters = numClusters }, cancellationToken)
            : null;
        return DatasetDistribution(counts, projection);
    }

    /// <summary>The distribution of search scores with the threshold drawn as a vertical line (the Supervisely UI's histogram).</summary>
    public static PlotlyFigure ScoreHistogram(IEnumerable<ImageInfo> results, double? threshold = null, int bins = 30, string title = "Search scores")
    {
        ArgumentNullException.ThrowIfNull(results);
        if (bins is < 1 or > 500)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be 1 to 500");
        var scores = results.Select(r => r.AiSearchMeta?.Score).OfType<float>().ToList();
        if (scores.Count == 0)
            throw new ArgumentException("None of the results carries a score; pass the items of an AI-search collection.", nameof(results));
        var histogram = new JsonObject
        {
            ["type"] = "histogram", ["name"] = "images", ["x"] = new JsonArray(scores.Select(s => (JsonNode?)s).ToArray()), ["nbinsx"] = bins, ["marker"] = new JsonObject { ["color"] = "#3182bd" },
        };
        var layout = Layout(title, "cosine score", "images");
        if (threshold is { } t)
        {
            var (above, below) = (scores.Count(s => s >= t), scores.Count(s => s < t));
            layout["shapes"] = new JsonArray(new JsonObject
            {
                ["type"] = "line", ["x0"] = t, ["x1"] = t, ["yref"] = "paper", ["y0"] = 0, ["y1"] = 1,
                ["line"] = new JsonObject { ["color"] = "#d62728", ["width"] = 2 },
            });
            layout["annotations"] = new JsonArray(new JsonObject
            {
                ["x"] = t, ["yref"] = "paper", ["y"] = 1, ["yanchor"] = "bottom", ["showarrow"] = false, ["font"] = new JsonObject { ["color"] = "#d62728" },
                ["text"] = $"threshold {t.ToString("0.###", CultureInfo.InvariantCulture)}: {above} above, {below} below",
            });
        }
        return new PlotlyFigure(new JsonArray(histogram), layout);
    }

    private static JsonObject Points(IReadOnlyList<ProjectionPoint> points, string name, Func<ProjectionPoint, string> hover, JsonObject marker) => new()
    {
        ["type"] = "scatter", ["mode"] = "markers", ["name"] = name,
        ["x"] = new JsonArray(points.Select(p => (JsonNode?)p.X).ToArray()), ["y"] = new JsonArray(points.Select(p => (JsonNode?)p.Y).ToArray()),
        ["text"] = new JsonArray(points.Select(p => (JsonNode?)hover(p)).ToArray()), ["hoverinfo"] = "text",
        ["customdata"] = new JsonArray(points.Select(p => (JsonNode?)p.ImageId).ToArray()),
        ["marker"] = marker,
    };

    private static JsonObject Bars(IReadOnlyList<string> datasets, IEnumerable<long> values, string name, string color) => new()
    {
        ["type"] = "bar", ["name"] = name, ["x"] = new JsonArray(datasets.Select(d => (JsonNode?)d).ToArray()),
        ["y"] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray()), ["marker"] = new JsonObject { ["color"] = color },
    };

    private static JsonObject Layout(string title, string xTitle, string yTitle) => new()
    {
        ["title"] = new JsonObject { ["text"] = title },
        ["width"] = Width, ["height"] = Height,
        ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xTitle } },
        ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle } },
        ["margin"] = new JsonObject { ["t"] = 60 },
    };
}
