using Sly.Server.Storage;

namespace Sly.Server.Embeddings;

/// <summary>
/// Keeps enabled projects embedded without being asked: at start it resumes jobs a crash interrupted (their
/// in-progress flag is still set), then every interval (seconds, not the reference's 10 minutes) or when woken by an
/// upload, it starts a job for each enabled project that has images without embeddings.
/// </summary>
public sealed class AutoUpdater(ProjectStore projects, VectorStore vectors, EmbeddingJobs jobs, TimeSpan interval, ILogger<AutoUpdater> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var projectId in projects.IdsWithEmbeddingsInProgress())
        {
            logger.LogInformation("Resuming the interrupted embedding job of project {ProjectId}", projectId);
            if (projects.FindState(projectId)?.EmbeddingsEnabled == true)
                await jobs.StartAsync(projectId, stoppingToken);
            else
                await projects.SetEmbeddingsInProgressAsync(projectId, false, null, stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var projectId in projects.IdsWithEmbeddingsEnabled())
                {
                    if (!jobs.IsRunning(projectId) && vectors.PendingCount(projectId) > 0)
                        await jobs.StartAsync(projectId, stoppingToken);
                }
                await jobs.WaitForWakeAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The auto-updater's pass failed; retrying at the next tick");
                await Task.Delay(interval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
