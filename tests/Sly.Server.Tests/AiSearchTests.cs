using Refit;
using Sly.Api;
using Sly.Interactive.Transport;

namespace Sly.Server.Tests;

/// <summary>Search semantics on images whose embeddings are known by construction (their mean colour).</summary>
public sealed class AiSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Palette(ServerFixture Server, ProjectInfo Project, DatasetInfo Warm, DatasetInfo Cool, Dictionary<string, ImageInfo> Images);

    private static async Task<Palette> PaletteAsync()
    {
        var server = await ServerFixture.StartAsync();
        var api = server.Admin;
        var project = await ServerScenarios.ProjectAsync(api, "palette", Ct);
        var warm = await ServerScenarios.DatasetAsync(api, project.Id, "warm", Ct);
        var cool = await ServerScenarios.DatasetAsync(api, project.Id, "cool", Ct);
        var images = new Dictionary<string, ImageInfo>();
        foreach (var image in await ServerScenarios.UploadAsync(api, warm.Id, [
                     ("red", TestImages.Solid(250, 0, 0)), ("dark-red", TestImages.Solid(120, 2, 2)), ("yellow", TestImages.Solid(250, 250, 0))], Ct))
            images[image.Name] = image;
        foreach (var image in await ServerScenarios.UploadAsync(api, cool.Id, [
                     ("green", TestImages.Solid(0, 250, 0)), ("blue", TestImages.Solid(0, 0, 250)), ("teal", TestImages.Solid(0, 200, 200))], Ct))
            images[image.Name] = image;
        await ServerScenarios.EnableAndWaitAsync(api, project.Id, Ct);
        return new Palette(server, project, warm, cool, images);
    }

    private static EmbeddingsSendAiSearchRequest Search(long projectId, int limit) => new() { ProjectId = projectId, Limit = limit, UniqueItems = limit };

    [Fact]
    public async Task A_prompt_finds_the_nearest_images_with_cosine_scores_in_an_ai_search_collection()
    {
        var palette = await PaletteAsync();
        await using var _ = palette.Server;
        var api = palette.Server.Admin;
        var result = await api.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 2) with { Prompt = "red" }, Ct);

        var hits = await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, result.CollectionId!.Value, Ct);
        Assert.Equal(["red", "dark-red"], hits.OrderBy(h => h.Name).Select(h => h.Name).Order().Reverse());
        Assert.All(hits, h => Assert.InRange(h.AiSearchMeta!.Score!.Value, 0.99f, 1.0001f));
        var collection = await api.EntitiesCollectionsInfoAsync(new EntitiesCollectionsInfoRequest { Id = result.CollectionId.Value }, Ct);
        Assert.Equal(CollectionType.AiSearch, collection.Type);
        Assert.StartsWith("AI Search Collection: ", collection.Name);
        Assert.Equal(Sly.Server.Search.AiSearchKey.For(palette.Project.Id, palette.Server.Server.AdminToken), collection.Meta!.AiSearchKey);
    }

    [Fact]
    public async Task Comma_separated_prompts_are_separate_queries_merged_by_max_score()
    {
        var palette = await PaletteAsync();
        await using var _ = palette.Server;
        var api = palette.Server.Admin;
        var result = await api.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 1) with { Prompt = "red, blue" }, Ct);
        var hits = await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, result.CollectionId!.Value, Ct);
        Assert.Equal(2, hits.Count);
        Assert.Contains(hits, h => h.Name == "blue");
        Assert.Contains(hits, h => h.Name is "red" or "dark-red");
    }

    [Fact]
    public async Task Reference_images_are_each_a_query_and_scope_and_threshold_restrict_the_hits()
    {
        var palette = await PaletteAsync();
        await using var _ = palette.Server;
        var api = palette.Server.Admin;
        var images = palette.Images;

        var byImage = await api.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 1) with { ImageIds = [images["green"].Id, images["blue"].Id] }, Ct);
        Assert.Equal(["blue", "green"], (await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, byImage.CollectionId!.Value, Ct)).Select(h => h.Name).Order());

        var inDataset = await api.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 10) with { Prompt = "red", DatasetId = palette.Cool.Id }, Ct);
        Assert.All(await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, inDataset.CollectionId!.Value, Ct), h => Assert.Equal(palette.Cool.Id, h.DatasetId));

        var scoped = await api.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 10) with { Prompt = "red", RestrictedImageIds = [images["yellow"].Id, images["teal"].Id] }, Ct);
        Assert.Equal(["teal", "yellow"], (await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, scoped.CollectionId!.Value, Ct)).Select(h => h.Name).Order());

        var strict = await api.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 10) with { Prompt = "red", Threshold = 0.9f }, Ct);
        Assert.Equal(["dark-red", "red"], (await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, strict.CollectionId!.Value, Ct)).Select(h => h.Name).Order());

        var none = await api.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 10) with { Prompt = "red", Threshold = 0.9f, DatasetId = palette.Cool.Id }, Ct);
        Assert.Null(none.CollectionId);
        Assert.Equal("No similar images found.", none.Message);
    }

    [Fact]
    public async Task The_collection_filter_returns_scores_and_honours_threshold_direction()
    {
        var palette = await PaletteAsync();
        await using var _ = palette.Server;
        var api = palette.Server.Admin;
        var result = await api.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 6) with { Prompt = "red" }, Ct);
        var id = result.CollectionId!.Value;
        var all = await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, id, Ct);
        Assert.Equal(6, all.Count);
        var above = await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, id, Ct, threshold: 0.5f);
        var below = await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, id, Ct, threshold: 0.5f, direction: "below");
        Assert.All(above, h => Assert.True(h.AiSearchMeta!.Score >= 0.5f));
        Assert.All(below, h => Assert.True(h.AiSearchMeta!.Score < 0.5f));
        Assert.Equal(6, above.Count + below.Count);
        Assert.Equal(all.Select(h => h.Id).Order(), all.Select(h => h.Id));
    }

    [Fact]
    public async Task Each_user_has_one_collection_per_project_and_a_new_search_replaces_it()
    {
        var palette = await PaletteAsync();
        await using var _ = palette.Server;
        var admin = palette.Server.Admin;
        var other = palette.Server.Client((await admin.SlyUsersAddAsync(new SlyUsersAddRequest { Login = "other" }, Ct)).Token);

        var first = (await admin.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 2) with { Prompt = "red" }, Ct)).CollectionId!.Value;
        var others = (await other.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 2) with { Prompt = "blue" }, Ct)).CollectionId!.Value;
        var second = (await admin.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 2) with { Prompt = "green" }, Ct)).CollectionId!.Value;

        Assert.NotEqual(first, second);
        var gone = await Assert.ThrowsAsync<ApiException>(() => admin.EntitiesCollectionsInfoAsync(new EntitiesCollectionsInfoRequest { Id = first }, Ct));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains((await ServerScenarios.CollectionImagesAsync(admin, palette.Project.Id, others, Ct)), h => h.Name == "blue");
        var aiCollections = await admin.EntitiesCollectionsListAsync(new EntitiesCollectionsListRequest { ProjectId = palette.Project.Id, Type = "aiSearch" }, Ct);
        Assert.Equal(2, aiCollections.Total);
    }

    [Fact]
    public async Task Diverse_search_picks_round_robin_across_clusters()
    {
        var palette = await PaletteAsync();
        await using var _ = palette.Server;
        var api = palette.Server.Admin;
        foreach (var method in new[] { DiverseSamplingMethod.Centroids, DiverseSamplingMethod.Random })
        {
            var result = await api.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 3) with
            {
                Method = method, ClusteringMethod = ClusteringMethod.Kmeans, NumberOfClusters = 3,
            }, Ct);
            var picks = await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, result.CollectionId!.Value, Ct);
            Assert.Equal(3, picks.Count);
            Assert.All(picks, p => Assert.Null(p.AiSearchMeta?.Score));
            Assert.StartsWith("Diverse Collection: ", (await api.EntitiesCollectionsInfoAsync(new EntitiesCollectionsInfoRequest { Id = result.CollectionId.Value }, Ct)).Name);
        }
        var dbscan = await api.EmbeddingsSendAiSearchAsync(Search(palette.Project.Id, 6) with { Method = DiverseSamplingMethod.Centroids, ClusteringMethod = ClusteringMethod.Dbscan }, Ct);
        Assert.Equal(6, (await ServerScenarios.CollectionImagesAsync(api, palette.Project.Id, dbscan.CollectionId!.Value, Ct)).Count);
    }

    [Fact]
    public async Task Search_in_a_project_with_ai_search_disabled_answers_that_it_skips()
    {
        await using var server = await ServerFixture.StartAsync();
        var project = await ServerScenarios.ProjectAsync(server.Admin, "off", Ct);
        var result = await server.Admin.EmbeddingsSendAiSearchAsync(Search(project.Id, 5) with { Prompt = "red" }, Ct);
        Assert.Null(result.CollectionId);
        Assert.Contains("disabled", result.Message);
    }
}
