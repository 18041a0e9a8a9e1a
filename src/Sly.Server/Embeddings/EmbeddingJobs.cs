using System.Collections.Concurrent;
using Sly.Search.Embeddings;
using Sly.Server.Storage;

namespace Sly.Server.Embeddings;

/// <summary>
/// Embeds the images of projects in the background, as the reference embeddings generator does: a job per project,
/// embeddingsInProgress while it runs, embeddingsUpdatedAt per image and per project when it ends. Each batch of
/// vectors is committed with the images' timestamps, so a killed job resumes where it stopped: what is left is
/// exactly the images without a timestamp. Also the auto-updater's engine (new images, removed images).
/// </summary>
public sealed class EmbeddingJobs(
    ProjectStore projects,
    VectorStore vectors,
    BlobStore blobs,
    ProjectIndexes indexes,
    EmbedderProvider embedder,
    int batchSize,
    ILogger<EmbeddingJobs> logger) : IDisposable
{
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly ConcurrentDictionary<long, EmbeddingProgress> _progress = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>
    /// Starts a job unless one runs; false when the project already has one. The in-progress flag is set before this
    /// returns, as the reference sets it before calculate-project-embeddings answers.
    /// </summary>
    public async Task<bool> StartAsync(long projectId, CancellationToken cancellationToken = default)
    {
        // One start at a time, not GetOrAdd: its factory may run twice under contention, which would start two jobs.
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_running.ContainsKey(projectId))
                return false;
            await projects.SetEmbeddingsInProgressAsync(projectId, true, null, cancellationToken);
            _progress[projectId] = new EmbeddingProgress(DateTimeOffset.UtcNow);
            _running[projectId] = Task.Run(() => RunAsync(projectId, _stopping.Token), CancellationToken.None);
            return true;
        }
        finally
        {
            _starting.Release();
        }
    }

    public bool IsRunning(long projectId) => _running.ContainsKey(projectId);

    public EmbeddingProgress? Progress(long projectId) => _progress.TryGetValue(projectId, out var progress) ? progress : null;

    public async Task EnableAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await projects.SetEmbeddingsEnabledAsync(projectId, true, cancellationToken);
        Wake();
    }

    /// <summary>Turns AI search off: waits for a running job to stop, then deletes the project's vectors.</summary>
    public async Task DisableAsync(long projectId, CancellationToken cancellationToken = default)
    {
        await projects.SetEmbeddingsEnabledAsync(projectId, false, cancellationToken);
        if (_running.TryGetValue(projectId, out var job))
            await job.WaitAsync(cancellationToken);
        await projects.SetEmbeddingsEnabledAsync(projectId, false, cancellationToken);
        indexes.Drop(projectId);
        _progress.TryRemove(projectId, out _);
    }

    public void ImagesAdded(long projectId)
    {
        if (projects.FindState(projectId)?.EmbeddingsEnabled == true)
            Wake();
    }

    public void ImagesRemoved(IReadOnlyList<(long ProjectId, long ImageId)> removed)
    {
        foreach (var group in removed.GroupBy(r => r.ProjectId))
            indexes.Remove(group.Key, group.Select(r => r.ImageId));
    }

    /// <summary>Asks the auto-updater to look now instead of at its next tick.</summary>
    public void Wake() => _wake.Release();

    public Task WaitForWakeAsync(TimeSpan interval, CancellationToken cancellationToken) => _wake.WaitAsync(interval, cancellationToken);

    private async Task RunAsync(long projectId, CancellationToken cancellationToken)
    {
        var progress = _progress[projectId];
        string? error = null;
        try
        {
            var model = embedder.Embedder;
            while (!cancellationToken.IsCancellationRequested && projects.FindState(projectId)?.EmbeddingsEnabled == true)
            {
                var pending = vectors.Pending(projectId, batchSize * 4);
                if (pending.Count == 0)
                    break;
                var sources = pending.Select(p => ImageSource.FromFile(blobs.PathOf(p.FileKey))).ToList();
                var results = await EmbedIsolatingFailuresAsync(model, sources, cancellationToken);
                var stored = new List<VectorStore.StoredVector>();
                var failures = new List<(long, string)>();
                foreach (var result in results)
                {
                    var (imageId, datasetId, _) = pending[result.Index];
                    if (result.Vector is { } vector)
                        stored.Add(new VectorStore.StoredVector(imageId, datasetId, vector));
                    else
                        failures.Add((imageId, result.Error ?? "the image could not be embedded"));
                }
                // Committed whole or not at all, and not cancelled half-way: a stop keeps every finished batch.
                await vectors.SaveBatchAsync(projectId, model.ModelId, stored, failures, CancellationToken.None);
                indexes.Upsert(projectId, stored);
                progress.Touch();
            }
            if (!cancellationToken.IsCancellationRequested && projects.FindState(projectId)?.EmbeddingsEnabled == true)
                await projects.EditAsync(new Sly.Api.ProjectsEditInfoRequest { Id = projectId, EmbeddingsUpdatedAt = DateTimeOffset.UtcNow, Silent = true }, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the in-progress flag stays set, so the next start resumes the job.
            return;
        }
        catch (Exception ex)
        {
            error = ex.Message;
            logger.LogError(ex, "Embedding project {ProjectId} failed", projectId);
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                await _starting.WaitAsync(CancellationToken.None);
                try
                {
                    await projects.SetEmbeddingsInProgressAsync(projectId, false, error, CancellationToken.None);
                    _running.TryRemove(projectId, out _);
                }
                finally
                {
                    _starting.Release();
                }
            }
        }
    }

    /// <summary>
    /// Embeds a batch; should the embedder throw for the whole batch, embeds the images one by one so that only the
    /// image at fault is marked failed and the job goes on.
    /// </summary>
    private async Task<IReadOnlyList<ImageEmbedding>> EmbedIsolatingFailuresAsync(IEmbedder model, IReadOnlyList<ImageSource> sources, CancellationToken cancellationToken)
    {
        try
        {
            return await model.EmbedImagesAsync(sources, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && sources.Count > 1)
        {
            logger.LogWarning(ex, "A batch of {Count} images failed; embedding them one by one", sources.Count);
        }
        var results = new List<ImageEmbedding>();
        for (var i = 0; i < sources.Count; i++)
        {
            try
            {
                var one = (await model.EmbedImagesAsync([sources[i]], cancellationToken))[0];
                results.Add(one with { Index = i });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results.Add(new ImageEmbedding(i, null, ex.Message));
            }
        }
        return results;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            Task.WaitAll(_running.Values.ToArray(), TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Jobs end by cancellation; their state is already committed.
        }
        _stopping.Dispose();
        _wake.Dispose();
        _starting.Dispose();
    }
}
