using Refit;
using Sly.Api;
using Sly.Interactive.Transport;
using Sly.Server.Storage;

namespace Sly.Server.Tests;

/// <summary>Steps tests repeat: a project with datasets, the SDK's three-step upload, waiting for embeddings.</summary>
internal static class ServerScenarios
{
    public static async Task<ProjectInfo> ProjectAsync(ISupervisely api, string name, CancellationToken ct) =>
        await api.ProjectsAddAsync(new ProjectsAddRequest { Name = name, WorkspaceId = 1, Type = ProjectType.Images }, ct);

    public static async Task<DatasetInfo> DatasetAsync(ISupervisely api, long projectId, string name, CancellationToken ct) =>
        await api.DatasetsAddAsync(new DatasetsAddRequest { ProjectId = projectId, Name = name }, ct);

    /// <summary>hashes.list → bulk.upload of the unknown ones → bulk.add, as the Python SDK's upload_paths does.</summary>
    public static async Task<IReadOnlyList<ImageInfo>> UploadAsync(ISupervisely api, long datasetId, IReadOnlyList<(string Name, byte[] Bytes)> images, CancellationToken ct)
    {
        var hashes = images.Select(i => BlobStore.HashOf(i.Bytes)).ToList();
        var known = (await api.ImagesInternalHashesListAsync(hashes.Distinct().ToList(), ct)).ToHashSet();
        var missing = images.Where((_, i) => !known.Contains(hashes[i])).DistinctBy(i => BlobStore.HashOf(i.Bytes)).ToList();
        if (missing.Count > 0)
        {
            var parts = missing.Select((image, i) => new StreamPart(new MemoryStream(image.Bytes), i.ToString(System.Globalization.CultureInfo.InvariantCulture), "image/*", i + "-file")).ToList();
            var uploaded = await api.ImagesBulkUploadAsync(parts, ct);
            Assert.Equal(missing.Select(m => BlobStore.HashOf(m.Bytes)), uploaded.Select(u => u.Hash));
        }
        return await api.ImagesBulkAddAsync(new ImagesBulkAddRequest
        {
            DatasetId = datasetId,
            Images = images.Select((image, i) => new ImagesBulkAddItem { Title = image.Name, Hash = hashes[i] }).ToList(),
        }, ct);
    }

    public static async Task EnableAndWaitAsync(ISupervisely api, long projectId, CancellationToken ct, TimeSpan? timeout = null)
    {
        await api.ProjectsEditInfoAsync(new ProjectsEditInfoRequest { Id = projectId, EmbeddingsEnabled = true }, ct);
        await api.EmbeddingsCalculateProjectEmbeddingsAsync(new EmbeddingsCalculateProjectEmbeddingsRequest { ProjectId = projectId }, ct);
        await WaitForEmbeddingsAsync(api, projectId, ct, timeout);
    }

    public static async Task WaitForEmbeddingsAsync(ISupervisely api, long projectId, CancellationToken ct, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var project = await api.ProjectsInfoAsync(new ProjectsInfoRequest { Id = projectId }, ct);
            var progress = await api.SlyEmbeddingsProgressAsync(new SlyEmbeddingsProgressRequest { ProjectId = projectId }, ct);
            if (project.EmbeddingsInProgress == false && project.EmbeddingsUpdatedAt is not null && progress.Done + progress.Failed >= progress.Total)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"embeddings of project {projectId} not done in time: {progress.Done}/{progress.Total}");
            await Task.Delay(100, ct);
        }
    }

    public static async Task<List<ImageInfo>> CollectionImagesAsync(ISupervisely api, long projectId, long collectionId, CancellationToken ct,
        float? threshold = null, string direction = "above")
    {
        var page = await api.ImagesListAsync(new ImagesListRequest
        {
            ProjectId = projectId,
            Filters = [new AiSearchCollectionFilter { Data = new AiSearchCollectionFilterData { CollectionId = collectionId, Include = true, Threshold = threshold, ThresholdDirection = direction } }],
        }, ct);
        return page.Entities.ToList();
    }
}
