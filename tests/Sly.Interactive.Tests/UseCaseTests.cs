using Sly.Api;
using Sly.Interactive.Collections;

namespace Sly.Interactive.Tests;

/// <summary>The seed's three use cases as plain C#: annotation job from a search, active-learning batch, defect review.</summary>
public sealed class UseCaseTests(DemoServer demo) : IClassFixture<DemoServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_annotation_job_is_made_from_the_results_of_a_search()
    {
        var api = demo.Api;
        var collectionId = await api.Project.PerformAiSearchAsync(demo.Project.Id, prompt: "cracked bracket", limit: 8, cancellationToken: Ct);
        var hits = await api.EntitiesCollection.GetItemsAsync(collectionId!.Value, cancellationToken: Ct);
        var target = await api.Dataset.CreateAsync(demo.Project.Id, "to annotate", changeNameIfConflict: true, cancellationToken: Ct);
        var copies = new List<ImageInfo>();
        foreach (var group in hits.GroupBy(h => h.DatasetId!.Value))
            copies.AddRange(await api.Image.CopyBatchOptimizedAsync(group.Key, group.ToList(), target.Id, cancellationToken: Ct));
        var me = await api.Raw.UsersMeAsync(null, Ct);
        var jobs = await api.LabelingJob.CreateAsync("Label cracked brackets", target.Id, [me.Id], readme: "Outline every crack.", cancellationToken: Ct);

        var job = Assert.Single(jobs);
        Assert.Equal((8, "to annotate"), (job.ImagesCount, job.DatasetTitle));
        Assert.Equal(hits.Select(h => h.Hash).Order(), copies.Select(c => c.Hash).Order());
        var again = await api.Dataset.CreateAsync(demo.Project.Id, "to annotate", changeNameIfConflict: true, cancellationToken: Ct);
        Assert.Equal("to annotate_001", again.Name);
    }

    [Fact]
    public async Task An_active_learning_batch_is_moved_into_a_training_dataset_and_re_embedded()
    {
        var api = demo.Api;
        var collectionId = await api.Project.PerformAiSearchAsync(demo.Project.Id, method: "centroids", clusteringMethod: "kmeans", numClusters: 7, limit: 7, cancellationToken: Ct);
        var batch = await api.EntitiesCollection.GetItemsAsync(collectionId!.Value, cancellationToken: Ct);
        var training = await api.Dataset.CreateAsync(demo.Project.Id, "training", changeNameIfConflict: true, cancellationToken: Ct);
        var moved = new List<ImageInfo>();
        foreach (var group in batch.GroupBy(h => h.DatasetId!.Value))
            moved.AddRange(await api.Image.MoveBatchOptimizedAsync(group.Key, group.ToList(), training.Id, cancellationToken: Ct));

        foreach (var source in batch)
            Assert.Null(await api.Image.GetInfoByIdAsync(source.Id, Ct));
        await api.Project.CalculateEmbeddingsAsync(demo.Project.Id, Ct);
        await api.Project.WaitForEmbeddingsAsync(demo.Project.Id, timeout: TimeSpan.FromMinutes(2), pollInterval: TimeSpan.FromMilliseconds(100), cancellationToken: Ct);
        var inTraining = await api.Image.GetListAsync(training.Id, cancellationToken: Ct);
        Assert.Equal(7, inTraining.Count);
        Assert.All(inTraining, i => Assert.NotNull(i.EmbeddingsUpdatedAt));
    }

    [Fact]
    public async Task A_defect_review_dataset_collects_scratched_metal_parts_above_a_threshold()
    {
        var api = demo.Api;
        var collectionId = await api.Project.PerformAiSearchAsync(demo.Project.Id, prompt: "scratched surface metal parts", limit: 30, cancellationToken: Ct);
        var all = await api.EntitiesCollection.GetItemsAsync(collectionId!.Value, cancellationToken: Ct);
        var threshold = all.Select(i => (double)i.AiSearchMeta!.Score!.Value).Order().ElementAt(all.Count / 2);
        var confident = await api.EntitiesCollection.GetItemsAsync(collectionId.Value, CollectionTypeFilter.AiSearch, threshold: threshold, cancellationToken: Ct);
        var review = await api.Dataset.CreateAsync(demo.Project.Id, "defect review", changeNameIfConflict: true, cancellationToken: Ct);
        foreach (var group in confident.GroupBy(h => h.DatasetId!.Value))
            await api.Image.CopyBatchOptimizedAsync(group.Key, group.ToList(), review.Id, cancellationToken: Ct);

        var reviewed = await api.Image.GetListAsync(review.Id, cancellationToken: Ct);
        Assert.Equal(confident.Count, reviewed.Count);
        Assert.True(confident.Count(i => demo.Labels[i.Name].Defect == "scratch") * 2 > confident.Count,
            string.Join(", ", confident.Select(i => demo.Labels[i.Name])));
    }
}
