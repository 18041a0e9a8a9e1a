using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sly.Api;
using Sly.Interactive.Visuals;
using Sly.Interactive.Visuals.Plotly;
using Sly.Testing;

namespace Sly.Interactive.Tests;

/// <summary>Galleries, charts and formatters on real search results, and what a browser makes of them.</summary>
public sealed class VisualTests(DemoServer demo) : IClassFixture<DemoServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_gallery_has_one_tile_per_image_with_an_embedded_thumbnail_and_escaped_text()
    {
        var api = demo.Api;
        var dataset = (await api.Dataset.GetListAsync(demo.Project.Id, cancellationToken: Ct))[0];
        var odd = (await api.Image.UploadAsync(dataset.Id, [("<b>odd & \"quoted\"</b>.png", Sly.Search.DemoData.DemoImageSet.Get(0, 5).EncodePng())], cancellationToken: Ct))[0];
        var collectionId = await api.Project.PerformAiSearchAsync(demo.Project.Id, prompt: "a brass gear", limit: 12, cancellationToken: Ct);
        var items = await api.EntitiesCollection.GetItemsAsync(collectionId!.Value, cancellationToken: Ct);
        var gallery = await Gallery.CreateAsync(api, [.. items, odd], title: "Brass <gears>", cancellationToken: Ct);
        var html = gallery.ToHtml();

        Assert.Equal(items.Count + 1, gallery.Tiles.Count);
        Assert.Equal(items.Count + 1, Regex.Matches(html, "<figure class=\"sly-tile\"").Count);
        Assert.All(gallery.Tiles, t => Assert.StartsWith("data:image/jpeg;base64,", t.ImageSource));
        var jpeg = Convert.FromBase64String(gallery.Tiles[0].ImageSource!["data:image/jpeg;base64,".Length..]);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, jpeg[..2]);
        Assert.Contains("&lt;b&gt;odd &amp; &quot;quoted&quot;&lt;/b&gt;.png", html);
        Assert.DoesNotContain("<b>odd", html);
        Assert.Contains("Brass &lt;gears&gt;", html);
        Assert.Contains(items[0].AiSearchMeta!.Score!.Value.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture), html);
    }

    [Fact]
    public async Task The_scatter_has_one_point_per_image_and_one_trace_per_cluster_plus_the_hits()
    {
        var api = demo.Api;
        var collectionId = await api.Project.PerformAiSearchAsync(demo.Project.Id, prompt: "a rusty nut", limit: 5, cancellationToken: Ct);
        var chart = await Charts.ClusterScatterAsync(api, demo.Project.Id, collectionId, numClusters: 7, cancellationToken: Ct);
        var traces = Traces(chart);
        var imageCount = (await api.Project.GetInfoByIdAsync(demo.Project.Id, Ct))!.ImagesCount!.Value;

        var clusters = traces.Where(t => ((string)t["name"]!).StartsWith("cluster", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, clusters.Count);
        Assert.Equal(imageCount, clusters.Sum(t => t["x"]!.AsArray().Count));
        Assert.Equal(5, traces.Single(t => (string)t["name"]! == "search hits")["x"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_distribution_chart_has_one_bar_per_dataset()
    {
        var api = demo.Api;
        var datasets = await api.Dataset.GetListAsync(demo.Project.Id, cancellationToken: Ct);
        var collectionId = await api.Project.PerformAiSearchAsync(demo.Project.Id, prompt: "a dented plate", limit: 10, cancellationToken: Ct);
        var chart = await Charts.DatasetDistributionAsync(api, demo.Project.Id, collectionId, cancellationToken: Ct);
        var traces = Traces(chart);

        Assert.Equal(["images", "embedded", "search hits"], traces.Select(t => (string)t["name"]!));
        Assert.All(traces, t => Assert.Equal(datasets.Count, t["x"]!.AsArray().Count));
        Assert.Equal(10, traces[2]["y"]!.AsArray().Sum(v => (long)v!));
    }

    [Fact]
    public async Task A_browser_renders_the_gallery_and_a_chart_drawn_by_the_kits_plotly_loader_offline()
    {
        var chromium = Prerequisite.Program("chromium", "apt-get install chromium");
        var collectionId = await demo.Api.Project.PerformAiSearchAsync(demo.Project.Id, prompt: "a scratched washer", limit: 16, cancellationToken: Ct);
        var items = await demo.Api.EntitiesCollection.GetItemsAsync(collectionId!.Value, cancellationToken: Ct);
        var gallery = await Gallery.CreateAsync(demo.Api, items, "a scratched washer", cancellationToken: Ct);
        var folder = Directory.CreateTempSubdirectory("sly-visual-").FullName;
        var page = Path.Combine(folder, "page.html");
        await File.WriteAllTextAsync(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + gallery.ToHtml()
            + PlotlyScript.LoaderHtml + Charts.ScoreHistogram(items, 0.25).ToHtml() + "</body></html>", Ct);
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + Path.Combine(folder, "profile"), "--virtual-time-budget=8000"];
        var dom = ProcessRunner.Run(chromium, [.. common, "--dump-dom", "file://" + page], folder, TimeSpan.FromMinutes(2)).EnsureSuccess("chromium --dump-dom").Output;
        Assert.Contains("class=\"main-svg\"", dom);
        Assert.Equal(items.Count, Regex.Matches(dom, "<img [^>]*src=\"data:image/jpeg").Count);
        var screenshot = Path.Combine(Prerequisite.RepoRoot, "artifacts", "visual-check.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        ProcessRunner.Run(chromium, [.. common, "--window-size=1200,1400", "--screenshot=" + screenshot, "file://" + page], folder, TimeSpan.FromMinutes(2)).EnsureSuccess("chromium --screenshot");
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private static List<JsonObject> Traces(PlotlyFigure figure) => PlotlyFigures.Traces(figure.ToHtml());
}
