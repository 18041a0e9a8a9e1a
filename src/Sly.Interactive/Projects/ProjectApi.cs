using System.Diagnostics;
using System.Net;
using Sly.Api;
using Sly.Interactive.Client;
using Sly.Interactive.Transport;

namespace Sly.Interactive.Projects;

/// <summary><c>api.Project</c>: projects and their AI search, named as in the Python SDK's ProjectApi.</summary>
public sealed class ProjectApi(ISupervisely api)
{
    /// <summary>The project, or null when it does not exist (get_info_by_id).</summary>
    public Task<ProjectInfo?> GetInfoByIdAsync(long id, CancellationToken cancellationToken = default) =>
        NotFound.AsNullAsync(() => api.ProjectsInfoAsync(new ProjectsInfoRequest { Id = id }, cancellationToken));

    /// <summary>Every project of a workspace, optionally filtered ({field, operator, value} conditions).</summary>
    public Task<List<ProjectInfo>> GetListAsync(long workspaceId, IReadOnlyList<FilterCondition>? filters = null, CancellationToken cancellationToken = default) =>
        ListPages.AllAsync(async (page, perPage) =>
        {
            var result = await api.ProjectsListAsync(new ProjectsListRequest { WorkspaceId = workspaceId, Filter = filters ?? [], Page = page, PerPage = perPage }, cancellationToken);
            return (result.Total, result.PerPage, result.PagesCount, result.Entities);
        }, "projects");

    /// <summary>Creates a project; with <paramref name="changeNameIfConflict"/> a taken name becomes name_001, name_002…</summary>
    public async Task<ProjectInfo> CreateAsync(long workspaceId, string name, string type = "images", string description = "",
        bool changeNameIfConflict = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (changeNameIfConflict)
        {
            var existing = (await GetListAsync(workspaceId, cancellationToken: cancellationToken)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            name = ListPages.FreeName(name, existing);
        }
        return await api.ProjectsAddAsync(new ProjectsAddRequest { WorkspaceId = workspaceId, Name = name, Type = type, Description = description }, cancellationToken);
    }

    /// <summary>Turns AI search on; the server starts embedding the project's images.</summary>
    public Task EnableEmbeddingsAsync(long id, bool silent = true, CancellationToken cancellationToken = default) =>
        api.ProjectsEditInfoAsync(new ProjectsEditInfoRequest { Id = id, EmbeddingsEnabled = true, Silent = silent }, cancellationToken);

    /// <summary>Turns AI search off; the server deletes the project's embeddings.</summary>
    public Task DisableEmbeddingsAsync(long id, bool silent = true, CancellationToken cancellationToken = default) =>
        api.ProjectsEditInfoAsync(new ProjectsEditInfoRequest { Id = id, EmbeddingsEnabled = false, Silent = silent }, cancellationToken);

    /// <summary>Whether AI search is on for the project.</summary>
    public async Task<bool> IsEmbeddingsEnabledAsync(long id, CancellationToken cancellationToken = default) =>
        (await Require(id, "embeddingsEnabled", cancellationToken)).EmbeddingsEnabled == true;

    /// <summary>Starts (re)computing the project's embeddings in the background; returns at once.</summary>
    public Task CalculateEmbeddingsAsync(long id, CancellationToken cancellationToken = default) =>
        api.EmbeddingsCalculateProjectEmbeddingsAsync(new EmbeddingsCalculateProjectEmbeddingsRequest { ProjectId = id }, cancellationToken);

    /// <summary>Whether embeddings are being computed right now.</summary>
    public async Task<bool> GetEmbeddingsInProgressAsync(long id, CancellationToken cancellationToken = default) =>
        (await Require(id, "embeddingsInProgress", cancellationToken)).EmbeddingsInProgress == true;

    /// <summary>Sets the in-progress flag (and an error message), as the embeddings services do.</summary>
    public Task SetEmbeddingsInProgressAsync(long id, bool inProgress, string? errorMessage = null, CancellationToken cancellationToken = default) =>
        api.ProjectsEmbeddingsInProgressUpdateAsync(new ProjectsEmbeddingsInProgressUpdateRequest { Id = id, EmbeddingsInProgress = inProgress, ErrorMessage = errorMessage }, cancellationToken);

    /// <summary>When the project's embeddings were last brought up to date, or null.</summary>
    public async Task<DateTimeOffset?> GetEmbeddingsUpdatedAtAsync(long id, CancellationToken cancellationToken = default) =>
        (await Require(id, "embeddingsUpdatedAt", cancellationToken)).EmbeddingsUpdatedAt;

    /// <summary>Sets when embeddings were last updated (now when no timestamp is given).</summary>
    public Task SetEmbeddingsUpdatedAtAsync(long id, DateTimeOffset? timestamp = null, bool silent = true, CancellationToken cancellationToken = default) =>
        api.ProjectsEditInfoAsync(new ProjectsEditInfoRequest { Id = id, EmbeddingsUpdatedAt = timestamp ?? DateTimeOffset.UtcNow, Silent = silent }, cancellationToken);

    /// <summary>
    /// AI search (perform_ai_search): exactly one of <paramref name="prompt"/> (comma-separated prompts are separate
    /// queries), <paramref name="imageIds"/> (each image its own query) or <paramref name="method"/> (diverse
    /// sampling: "centroids" or "random"). Returns the id of the caller's AI-search entities collection, or null when
    /// nothing was found. Arguments are checked before any request, with the SDK's messages.
    /// </summary>
    public Task<long?> PerformAiSearchAsync(
        long projectId,
        long? datasetId = null,
        IReadOnlyList<long>? imageIds = null,
        string? prompt = null,
        string? method = null,
        int limit = 100,
        string? clusteringMethod = null,
        int? numClusters = null,
        IReadOnlyList<long>? imageIdScope = null,
        double? threshold = null,
        CancellationToken cancellationToken = default)
    {
        var provided = (prompt is not null ? 1 : 0) + (method is not null ? 1 : 0) + (imageIds is not null ? 1 : 0);
        if (provided != 1)
            throw new ArgumentException("Must provide exactly one of 'prompt', 'method', or 'image_id' parameters. They are mutually exclusive.", prompt is null ? nameof(imageIds) : nameof(prompt));
        if (method is not null && method is not ("centroids" or "random"))
            throw new ArgumentException("Method must be either 'centroids' or 'random'.", nameof(method));
        if (clusteringMethod is not null && clusteringMethod is not ("kmeans" or "dbscan"))
            throw new ArgumentException("Clustering method must be either 'kmeans' or 'dbscan'.", nameof(clusteringMethod));
        if (numClusters is not null && clusteringMethod != "kmeans")
            throw new ArgumentException("Number of clusters is only applicable for 'kmeans' clustering method.", nameof(numClusters));
        if (limit is < 1 or > 10000)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be between 1 and 10000.");
        if (threshold is { } t && (double.IsNaN(t) || t < -1 || t > 1))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold is a cosine similarity between -1 and 1.");
        if (imageIds is { Count: 0 })
            throw new ArgumentException("imageIds must list at least one image id.", nameof(imageIds));
        return SendAsync();

        async Task<long?> SendAsync()
        {
            var response = await api.EmbeddingsSendAiSearchAsync(new EmbeddingsSendAiSearchRequest
            {
                ProjectId = projectId,
                Limit = limit,
                UniqueItems = limit,
                DatasetId = datasetId,
                Prompt = prompt,
                ImageIds = imageIds,
                Method = method is null ? (DiverseSamplingMethod?)null : new DiverseSamplingMethod(method),
                ClusteringMethod = clusteringMethod is null ? (ClusteringMethod?)null : new ClusteringMethod(clusteringMethod),
                NumberOfClusters = numClusters,
                RestrictedImageIds = imageIdScope,
                Threshold = threshold is { } value ? (float)value : null,
            }, cancellationToken);
            return response.CollectionId;
        }
    }

    /// <summary>
    /// Polls until the project's embeddings are ready (not in progress and stamped), reporting progress. Against the
    /// embedded server progress has counts, rate and time left; against an instance, the in-progress flag.
    /// </summary>
    public async Task<EmbeddingsProgress> WaitForEmbeddingsAsync(long projectId, IProgress<EmbeddingsProgress>? progress = null, TimeSpan? timeout = null,
        TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(30);
        if (limit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "timeout must be positive.");
        var interval = pollInterval ?? TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();
        var countsAvailable = true;
        var rate = new RateEstimate();
        while (true)
        {
            var project = await api.ProjectsInfoAsync(new ProjectsInfoRequest { Id = projectId, ExtraFields = ["embeddingsInProgress", "embeddingsUpdatedAt"] }, cancellationToken);
            long done = 0, total = 0, failed = 0;
            if (countsAvailable)
            {
                try
                {
                    var counts = await api.SlyEmbeddingsProgressAsync(new SlyEmbeddingsProgressRequest { ProjectId = projectId }, cancellationToken);
                    (done, total, failed) = (counts.Done, counts.Total, counts.Failed);
                }
                catch (SlyApiException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest)
                {
                    countsAvailable = false; // a Supervisely instance has no sly.* extensions
                }
            }
            var inProgress = project.EmbeddingsInProgress == true;
            var (perSecond, remaining) = rate.Update(clock.Elapsed, done + failed, total);
            var current = new EmbeddingsProgress(projectId, inProgress, done, total, failed, perSecond, remaining);
            progress?.Report(current);
            var finished = !inProgress && project.EmbeddingsUpdatedAt is not null && (!countsAvailable || done + failed >= total);
            if (finished)
                return current;
            if (clock.Elapsed > limit)
                throw new TimeoutException($"Embeddings of project {projectId} were not ready after {limit}: {current}.");
            await Task.Delay(interval, cancellationToken);
        }
    }

    private async Task<ProjectInfo> Require(long id, string field, CancellationToken cancellationToken) =>
        await NotFound.AsNullAsync(() => api.ProjectsInfoAsync(new ProjectsInfoRequest { Id = id, ExtraFields = [field] }, cancellationToken))
        ?? throw new InvalidOperationException($"Project with ID {id} not found.");
}
