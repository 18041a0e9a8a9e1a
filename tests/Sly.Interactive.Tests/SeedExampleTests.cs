using Sly.Api;
using Sly.Interactive.Collections;

namespace Sly.Interactive.Tests;

/// <summary>The seed tutorial's four examples, as plain C# against the embedded server with the demo model.</summary>
public sealed class SeedExampleTests(DemoServer demo) : IClassFixture<DemoServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enable_calculate_and_wait_reports_progress_until_every_image_is_embedded()
    {
        var api = demo.Api;
        Assert.True(await api.Project.IsEmbeddingsEnabledAsync(demo.Project.Id, Ct));
        Assert.False(await api.Project.GetEmbeddingsInProgressAsync(demo.Project.Id, Ct));
        Assert.NotNull(await api.Project.GetEmbeddingsUpdatedAtAsync(demo.Project.Id, Ct));
        var last = demo.ProgressReports[^1];
        Assert.Equal((DemoServer.ImageCount, (long)DemoServer.ImageCount, 0L), ((int)last.Total, last.Done, last.Failed));
        Assert.Contains($"{DemoServer.ImageCount}/{DemoServer.ImageCount} images", last.ToString());
    }

    [Fact]
    public async Task Text_search_returns_a_collection_whose_items_carry_scores()
    {
        var api = demo.Api;
        var collectionId = await api.Project.PerformAiSearchAsync(demo.Project.Id, prompt: "a rusty bolt", limit: 10, cancellationToken: Ct);
        var items = await api.EntitiesCollection.GetItemsAsync(collectionId!.Value, CollectionTypeFilter.AiSearch, cancellationToken: Ct);
        Assert.Equal(10, items.Count);
        Assert.All(items, i => Assert.NotNull(i.AiSearchMeta?.Score));
        Assert.True(items.Count(i => demo.Labels[i.Name].Part == "bolt") >= 5, string.Join(", ", items.Select(i => demo.Labels[i.Name])));

        var confident = await api.EntitiesCollection.GetItemsAsync(collectionId.Value, CollectionTypeFilter.AiSearch, threshold: items.Average(i => i.AiSearchMeta!.Score!.Value), cancellationToken: Ct);
        Assert.InRange(confident.Count, 1, 9);
    }

    [Fact]
    public async Task Image_search_finds_images_like_the_reference_images()
    {
        var api = demo.Api;
        var gears = (await api.Image.GetListAsync((await api.Dataset.GetListAsync(demo.Project.Id, cancellationToken: Ct))[0].Id, cancellationToken: Ct))
            .Where(i => demo.Labels[i.Name].Part == "gear").Take(2).ToList();
        var collectionId = await api.Project.PerformAiSearchAsync(demo.Project.Id, imageIds: gears.Select(g => g.Id).ToList(), limit: 5, cancellationToken: Ct);
        var items = await api.EntitiesCollection.GetItemsAsync(collectionId!.Value, cancellationToken: Ct);
        Assert.Contains(items, i => gears.Any(g => g.Id == i.Id));
        Assert.True(items.Count(i => demo.Labels[i.Name].Part == "gear") * 2 > items.Count);
    }

    [Fact]
    public async Task Diverse_search_covers_more_parts_than_a_text_search()
    {
        var api = demo.Api;
        foreach (var (method, clustering) in new[] { ("centroids", "kmeans"), ("random", "kmeans"), ("centroids", "dbscan"), ("random", "dbscan") })
        {
            var collectionId = await api.Project.PerformAiSearchAsync(demo.Project.Id, method: method, clusteringMethod: clustering, limit: 14, cancellationToken: Ct);
            var items = await api.EntitiesCollection.GetItemsAsync(collectionId!.Value, cancellationToken: Ct);
            Assert.Equal(14, items.Count);
            Assert.True(items.Select(i => demo.Labels[i.Name].Part).Distinct().Count() >= 5, $"{method}/{clustering}: " + string.Join(", ", items.Select(i => demo.Labels[i.Name].Part)));
        }
    }
}
