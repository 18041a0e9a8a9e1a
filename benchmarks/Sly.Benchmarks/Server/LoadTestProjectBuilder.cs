using System.Diagnostics;
using System.Globalization;
using Refit;
using Sly.Api;
using Sly.Interactive.Transport;
using Sly.Server.Storage;

namespace Sly.Benchmarks.Server;

/// <summary>
/// Builds the project through the public API, as the Python SDK would: the three-step upload (hashes.list →
/// bulk.upload of the unknown → bulk.add), then AI search on and the project's embeddings calculated and waited for.
/// </summary>
public sealed class LoadTestProjectBuilder(ISupervisely admin, TextWriter log)
{
    // images.internal.hashes.list takes at most 900 hashes.
    private const int UploadBatch = 900;
    private const int ParallelUploads = 2;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    public async Task<LoadTestProject> BuildAsync(int images, int clients, TimeSpan embeddingTimeout, CancellationToken cancellationToken)
    {
        var project = await admin.ProjectsAddAsync(new ProjectsAddRequest { Name = "server-load", WorkspaceId = 1, Type = ProjectType.Images }, cancellationToken);
        var dataset = await admin.DatasetsAddAsync(new DatasetsAddRequest { ProjectId = project.Id, Name = "images" }, cancellationToken);

        var clock = Stopwatch.StartNew();
        await UploadAsync(dataset.Id, images, cancellationToken);
        Report("upload (hashes.list → bulk.upload → bulk.add)", images, clock.Elapsed);

        clock.Restart();
        await admin.ProjectsEditInfoAsync(new ProjectsEditInfoRequest { Id = project.Id, EmbeddingsEnabled = true }, cancellationToken);
        await admin.EmbeddingsCalculateProjectEmbeddingsAsync(new EmbeddingsCalculateProjectEmbeddingsRequest { ProjectId = project.Id }, cancellationToken);
        await WaitForEmbeddingsAsync(project.Id, images, embeddingTimeout, cancellationToken);
        Report("embeddings (job: read blob → embed → store vector → index)", images, clock.Elapsed);

        var users = new List<LoadTestUser>();
        for (var c = 0; c < clients; c++)
        {
            var added = await admin.SlyUsersAddAsync(new SlyUsersAddRequest { Login = "load-client-" + c.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
            users.Add(new LoadTestUser(added.User.Id, added.Token));
        }
        return new LoadTestProject(project.Id, users);
    }

    private async Task UploadAsync(long datasetId, int images, CancellationToken cancellationToken)
    {
        var batches = Enumerable.Range(0, (images + UploadBatch - 1) / UploadBatch);
        var uploaded = 0;
        var lastReport = Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = ParallelUploads, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var first = batch * UploadBatch;
            await UploadBatchAsync(datasetId, first, Math.Min(UploadBatch, images - first), ct);
            var done = Interlocked.Add(ref uploaded, Math.Min(UploadBatch, images - first));
            lock (lastReport)
            {
                if (lastReport.Elapsed < ProgressEvery)
                    return;
                lastReport.Restart();
                log.WriteLine($"    … {done}/{images} images uploaded");
            }
        });
    }

    private async Task UploadBatchAsync(long datasetId, int first, int count, CancellationToken cancellationToken)
    {
        var bytes = Enumerable.Range(first, count).Select(IndexedBitmap.Encode).ToList();
        var hashes = bytes.Select(b => BlobStore.HashOf(b)).ToList();
        var known = (await admin.ImagesInternalHashesListAsync(hashes, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var parts = bytes.Select((b, i) => (Bytes: b, Part: i)).Where(p => !known.Contains(hashes[p.Part]))
            .Select(p => new StreamPart(new MemoryStream(p.Bytes), p.Part.ToString(CultureInfo.InvariantCulture) + ".bmp", "image/bmp", p.Part.ToString(CultureInfo.InvariantCulture) + "-file"))
            .ToList();
        if (parts.Count > 0)
        {
            var results = await admin.ImagesBulkUploadAsync(parts, cancellationToken);
            if (results.FirstOrDefault(r => r.Hash is null) is { } rejected)
                throw new InvalidOperationException("images.bulk.upload rejected a benchmark image: " + rejected.Errors?.ToJsonString());
        }
        await admin.ImagesBulkAddAsync(new ImagesBulkAddRequest
        {
            DatasetId = datasetId,
            Images = hashes.Select((hash, i) => new ImagesBulkAddItem { Title = $"img-{first + i:D7}.bmp", Hash = hash }).ToList(),
        }, cancellationToken);
    }

    private async Task WaitForEmbeddingsAsync(long projectId, int images, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var lastReport = Stopwatch.StartNew();
        while (true)
        {
            var project = await admin.ProjectsInfoAsync(new ProjectsInfoRequest { Id = projectId }, cancellationToken);
            var progress = await admin.SlyEmbeddingsProgressAsync(new SlyEmbeddingsProgressRequest { ProjectId = projectId }, cancellationToken);
            if (project.EmbeddingsInProgress == false && project.EmbeddingsUpdatedAt is not null && progress.Done + progress.Failed >= progress.Total)
            {
                if (progress.Failed > 0 || progress.Done != images)
                    throw new InvalidOperationException($"Embeddings ended with {progress.Done} done and {progress.Failed} failed of {images}");
                return;
            }
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Embeddings not done in {timeout.TotalSeconds:F0} s: {progress.Done}/{progress.Total}");
            if (lastReport.Elapsed >= ProgressEvery)
            {
                lastReport.Restart();
                log.WriteLine($"    … {progress.Done}/{progress.Total} images embedded");
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    private void Report(string phase, int images, TimeSpan elapsed) =>
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase}: {elapsed.TotalSeconds:F1} s ({images / elapsed.TotalSeconds:F0} images/s)"));
}
