using System.Globalization;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;
using Sly.Api;
using Sly.Interactive.Client;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Sly.Interactive.Visuals;

/// <summary>Plotly.NET charts of a project's embeddings and search results; they render offline (see <see cref="PlotlyPage"/>).</summary>
public static class Charts
{
    private static readonly string[] Palette =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363",
    ];

    /// <summary>
    /// The project's 2-D projection, one trace per cluster (noise, -1, in grey); hovering shows the image name and
    /// dataset. <paramref name="highlight"/> (e.g. the last search's hits) is drawn on top as a separate trace.
    /// </summary>
    public static GenericChart ClusterScatter(SlyProjectsProjectionsResponse projection, IEnumerable<long>? highlight = null,
        string title = "Embeddings (PCA) by cluster", IReadOnlyDictionary<long, string>? datasetNames = null)
    {
        ArgumentNullException.ThrowIfNull(projection);
        string Hover(ProjectionPoint p) => p.Name + " · " + (datasetNames?.GetValueOrDefault(p.DatasetId) ?? "dataset " + p.DatasetId.ToString(CultureInfo.InvariantCulture));
        var traces = new List<GenericChart>();
        foreach (var cluster in projection.Points.GroupBy(p => p.Cluster).OrderBy(g => g.Key))
        {
            var points = cluster.ToList();
            var color = cluster.Key < 0 ? "#b0b0b0" : Palette[cluster.Key % Palette.Length];
            traces.Add(CSharpChart.Point<float, float, string>(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(),
                Name: cluster.Key < 0 ? "noise" : "cluster " + cluster.Key.ToString(CultureInfo.InvariantCulture),
                MultiText: points.Select(Hover).ToArray(), MarkerColor: Color.fromString(color), Opacity: 0.8));
        }
        var hits = highlight?.ToHashSet() ?? [];
        if (hits.Count > 0)
        {
            var points = projection.Points.Where(p => hits.Contains(p.ImageId)).ToList();
            traces.Add(CSharpChart.Point<float, float, string>(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), Name: "search hits",
                MultiText: points.Select(p => "hit: " + Hover(p)).ToArray(), MarkerColor: Color.fromString("#000000"), MarkerSymbol: StyleParam.MarkerSymbol.Diamond));
        }
        return Titled(CSharpChart.Combine(traces), title);
    }

    /// <summary>Fetches the projection (sly.projects.projections) and draws it, highlighting a collection's images.</summary>
    public static async Task<GenericChart> ClusterScatterAsync(SlyApi api, long projectId, long? highlightCollectionId = null, string clusteringMethod = "kmeans",
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
    public static GenericChart DatasetDistribution(SlyProjectsDatasetCountsResponse counts, SlyProjectsProjectionsResponse? byCluster = null,
        string title = "Images per dataset")
    {
        ArgumentNullException.ThrowIfNull(counts);
        var datasets = counts.Items.Select(i => i.DatasetName).ToList();
        var traces = new List<GenericChart>();
        if (byCluster is not null)
        {
            var order = counts.Items.Select(i => i.DatasetId).ToList();
            foreach (var cluster in byCluster.Points.GroupBy(p => p.Cluster).OrderBy(g => g.Key))
            {
                var perDataset = order.Select(id => cluster.Count(p => p.DatasetId == id)).ToList();
                traces.Add(CSharpChart.StackedColumn<int, string, string>(perDataset, Keys: datasets,
                    Name: cluster.Key < 0 ? "noise" : "cluster " + cluster.Key.ToString(CultureInfo.InvariantCulture),
                    MarkerColor: Color.fromString(cluster.Key < 0 ? "#b0b0b0" : Palette[cluster.Key % Palette.Length])));
            }
        }
        else
        {
            traces.Add(CSharpChart.Column<long, string, string>(counts.Items.Select(i => i.ImagesCount), Keys: datasets, Name: "images", MarkerColor: Color.fromString("#9ecae1")));
            traces.Add(CSharpChart.Column<long, string, string>(counts.Items.Select(i => i.EmbeddedCount), Keys: datasets, Name: "embedded", MarkerColor: Color.fromString("#3182bd")));
        }
        // Stacked by cluster, a hits bar would pile onto the clusters; hits are shown in the unstacked chart only.
        if (byCluster is null && counts.Items.Any(i => i.HitsCount is not null))
            traces.Add(CSharpChart.Column<long, string, string>(counts.Items.Select(i => i.HitsCount ?? 0), Keys: datasets, Name: "search hits", MarkerColor: Color.fromString("#e6550d")));
        return Titled(CSharpChart.Combine(traces), title);
    }

    /// <summary>Fetches per-dataset counts (and the hits of a collection) and draws them.</summary>
    public static async Task<GenericChart> DatasetDistributionAsync(SlyApi api, long projectId, long? collectionId = null, bool stackByCluster = false,
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
    public static GenericChart ScoreHistogram(IEnumerable<ImageInfo> results, double? threshold = null, int bins = 30, string title = "Search scores")
    {
        ArgumentNullException.ThrowIfNull(results);
        if (bins is < 1 or > 500)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "bins must be 1 to 500");
        var scores = results.Select(r => r.AiSearchMeta?.Score).OfType<float>().Select(s => (double)s).ToList();
        if (scores.Count == 0)
            throw new ArgumentException("None of the results carries a score; pass the items of an AI-search collection.", nameof(results));
        var histogram = CSharpChart.Histogram<double, double, string>(X: scores, Name: "images", NBinsX: bins, MarkerColor: Color.fromString("#3182bd"));
        var traces = new List<GenericChart> { histogram };
        if (threshold is { } t)
        {
            var (above, below) = (scores.Count(s => s >= t), scores.Count(s => s < t));
            var top = Math.Max(1, scores.GroupBy(s => Math.Floor((s - scores.Min()) / Math.Max(1e-9, (scores.Max() - scores.Min()) / bins))).Max(g => g.Count()));
            traces.Add(CSharpChart.Line<double, int, string>([t, t], [0, top], Name: $"threshold {t.ToString("0.###", CultureInfo.InvariantCulture)} ({above} above, {below} below)",
                LineColor: Color.fromString("#d62728"), LineWidth: 2));
        }
        return Titled(CSharpChart.Combine(traces), title)
            .WithXAxisStyle<double, double, string>(TitleText: "cosine score")
            .WithYAxisStyle<double, double, string>(TitleText: "images");
    }

    private static GenericChart Titled(GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(title, FSharpOption<Plotly.NET.Font>.None).Invoke(chart).WithSize(Width: 900, Height: 480);
}
