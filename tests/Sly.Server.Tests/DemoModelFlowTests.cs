using Sly.Api;
using Sly.Search.DemoData;
using Sly.Search.Embeddings;
using Sly.Testing;

namespace Sly.Server.Tests;

/// <summary>The whole flow with the product's own demo CLIP model: upload the demo set, enable, calculate, wait, search.</summary>
public sealed class DemoModelFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string DemoModel()
    {
        var folder = Path.Combine(Prerequisite.RepoRoot, "models", "demo-clip");
        if (!File.Exists(Path.Combine(folder, "vision_model.onnx")))
            Assert.Fail($"The demo model is missing from {folder}; it is part of the repository (tools/demo-model trains it).");
        return folder;
    }

    [Fact]
    public async Task A_search_for_rusty_bolts_finds_mostly_rusty_bolts()
    {
        var model = DemoModel();
        await using var server = await ServerFixture.StartAsync(embedder: _ => OnnxClipEmbedder.Load(model));
        var api = server.Admin;
        var project = await ServerScenarios.ProjectAsync(api, "parts inspection", Ct);
        var demo = DemoImageSet.Generate(280, seed: 4242).ToList();
        var labels = new Dictionary<string, DemoLabel>();
        foreach (var group in demo.GroupBy(d => d.Dataset))
        {
            var dataset = await ServerScenarios.DatasetAsync(api, project.Id, group.Key, Ct);
            await ServerScenarios.UploadAsync(api, dataset.Id, group.Select(d => (d.Name + ".png", d.EncodePng())).ToList(), Ct);
            foreach (var image in group)
                labels[image.Name + ".png"] = image.Label;
        }
        await ServerScenarios.EnableAndWaitAsync(api, project.Id, Ct, TimeSpan.FromMinutes(3));

        var result = await api.EmbeddingsSendAiSearchAsync(new EmbeddingsSendAiSearchRequest { ProjectId = project.Id, Limit = 5, UniqueItems = 5, Prompt = "rusty bolt" }, Ct);
        var hits = await ServerScenarios.CollectionImagesAsync(api, project.Id, result.CollectionId!.Value, Ct);
        var relevant = hits.Count(h => labels[h.Name] is { Part: "bolt", Defect: "rust" });
        var available = labels.Values.Count(l => l is { Part: "bolt", Defect: "rust" });
        Assert.True(relevant * 2 > hits.Count, $"{relevant} of {hits.Count} hits are rusty bolts ({available} in the set): " +
            string.Join(", ", hits.Select(h => $"{h.Name}={labels[h.Name]}")));
    }
}
