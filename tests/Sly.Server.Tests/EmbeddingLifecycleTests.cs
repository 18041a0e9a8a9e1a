using Sly.Api;

namespace Sly.Server.Tests;

/// <summary>Jobs, the auto-updater and the embeddings flags, as the reference services behave.</summary>
public sealed class EmbeddingLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calculating_stamps_every_image_and_the_project_and_clears_the_in_progress_flag()
    {
        await using var server = await ServerFixture.StartAsync();
        var api = server.Admin;
        var project = await ServerScenarios.ProjectAsync(api, "p", Ct);
        var dataset = await ServerScenarios.DatasetAsync(api, project.Id, "d", Ct);
        await ServerScenarios.UploadAsync(api, dataset.Id, Enumerable.Range(0, 9).Select(i => ($"{i}.png", TestImages.Solid((byte)(20 * i), 100, 50))).ToList(), Ct);
        await ServerScenarios.EnableAndWaitAsync(api, project.Id, Ct);

        var info = await api.ProjectsInfoAsync(new ProjectsInfoRequest { Id = project.Id }, Ct);
        Assert.True(info.EmbeddingsEnabled);
        Assert.False(info.EmbeddingsInProgress);
        Assert.NotNull(info.EmbeddingsUpdatedAt);
        var images = await api.ImagesListAsync(new ImagesListRequest { ProjectId = project.Id, Filter = [new FilterCondition { Field = "embeddingsUpdatedAt", Operator = "eq", Value = null }] }, Ct);
        Assert.Equal(0, images.Total);
        var progress = await api.SlyEmbeddingsProgressAsync(new SlyEmbeddingsProgressRequest { ProjectId = project.Id }, Ct);
        Assert.Equal((9L, 9L, 0L), (progress.Total, progress.Done, progress.Failed));
        var again = await api.EmbeddingsCalculateProjectEmbeddingsAsync(new EmbeddingsCalculateProjectEmbeddingsRequest { ProjectId = project.Id }, Ct);
        Assert.Equal("Nothing to update.", again.Message);
    }

    [Fact]
    public async Task The_auto_updater_embeds_new_images_and_search_drops_removed_ones()
    {
        await using var server = await ServerFixture.StartAsync();
        var api = server.Admin;
        var project = await ServerScenarios.ProjectAsync(api, "p", Ct);
        var dataset = await ServerScenarios.DatasetAsync(api, project.Id, "d", Ct);
        await ServerScenarios.UploadAsync(api, dataset.Id, [("red.png", TestImages.Solid(250, 0, 0))], Ct);
        await ServerScenarios.EnableAndWaitAsync(api, project.Id, Ct);

        var blue = (await ServerScenarios.UploadAsync(api, dataset.Id, [("blue.png", TestImages.Solid(0, 0, 250))], Ct))[0];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await api.ImagesInfoAsync(new ImagesInfoRequest { Id = blue.Id }, Ct)).EmbeddingsUpdatedAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the auto-updater did not embed the new image");
            await Task.Delay(100, Ct);
        }
        var search = new EmbeddingsSendAiSearchRequest { ProjectId = project.Id, Limit = 1, Prompt = "blue" };
        var hit = (await ServerScenarios.CollectionImagesAsync(api, project.Id, (await api.EmbeddingsSendAiSearchAsync(search, Ct)).CollectionId!.Value, Ct)).Single();
        Assert.Equal("blue.png", hit.Name);

        await api.ImagesBulkRemoveAsync(new ImagesBulkRemoveRequest { ImageIds = [blue.Id] }, Ct);
        hit = (await ServerScenarios.CollectionImagesAsync(api, project.Id, (await api.EmbeddingsSendAiSearchAsync(search, Ct)).CollectionId!.Value, Ct)).Single();
        Assert.Equal("red.png", hit.Name);
    }

    [Fact]
    public async Task Disabling_deletes_the_vectors_and_clears_the_timestamps()
    {
        await using var server = await ServerFixture.StartAsync();
        var api = server.Admin;
        var project = await ServerScenarios.ProjectAsync(api, "p", Ct);
        var dataset = await ServerScenarios.DatasetAsync(api, project.Id, "d", Ct);
        var image = (await ServerScenarios.UploadAsync(api, dataset.Id, [("red.png", TestImages.Solid(250, 0, 0))], Ct))[0];
        await ServerScenarios.EnableAndWaitAsync(api, project.Id, Ct);

        var off = await api.ProjectsEditInfoAsync(new ProjectsEditInfoRequest { Id = project.Id, EmbeddingsEnabled = false, Silent = true }, Ct);
        Assert.False(off.EmbeddingsEnabled);
        Assert.Null(off.EmbeddingsUpdatedAt);
        Assert.Null((await api.ImagesInfoAsync(new ImagesInfoRequest { Id = image.Id }, Ct)).EmbeddingsUpdatedAt);
        Assert.Equal(0, (await api.SlyEmbeddingsProgressAsync(new SlyEmbeddingsProgressRequest { ProjectId = project.Id }, Ct)).Done);
    }

    [Fact]
    public async Task A_corrupt_image_is_reported_on_that_image_and_the_job_finishes()
    {
        await using var server = await ServerFixture.StartAsync();
        var api = server.Admin;
        var project = await ServerScenarios.ProjectAsync(api, "p", Ct);
        var dataset = await ServerScenarios.DatasetAsync(api, project.Id, "d", Ct);
        var images = await ServerScenarios.UploadAsync(api, dataset.Id, [("good.png", TestImages.Solid(250, 0, 0)), ("broken.png", TestImages.Solid(0, 250, 0))], Ct);
        // The stored bytes of one image rot on disk after upload.
        var key = new Uri(images[1].FullStorageUrl!).Segments.Last();
        var blobs = new Storage.BlobStore(Path.Combine(server.DataDirectory, "blobs"));
        await File.WriteAllBytesAsync(blobs.PathOf(key), "rotten bytes"u8.ToArray(), Ct);

        await ServerScenarios.EnableAndWaitAsync(api, project.Id, Ct);
        var progress = await api.SlyEmbeddingsProgressAsync(new SlyEmbeddingsProgressRequest { ProjectId = project.Id }, Ct);
        Assert.Equal((1L, 1L), (progress.Done, progress.Failed));
        Assert.Equal(images[1].Id, Assert.Single(progress.Errors!).ImageId);
    }
}
