using System.Text.RegularExpressions;
using Sly.Api;
using Sly.Server.Auth;
using Sly.Server.Embeddings;
using Sly.Server.Search;
using Sly.Server.Storage;

namespace Sly.Server.Api.Handlers;

/// <summary>
/// The x-sly-extension operations: 2-D projections with cluster labels and per-dataset counts (so charts need no raw
/// vectors client side), embedding progress, and users with their own tokens.
/// </summary>
public sealed partial class SlyExtensionsHandlers(
    ProjectStore projects,
    DatasetStore datasets,
    VectorStore vectors,
    CollectionStore collections,
    ProjectProjections projections,
    EmbeddingJobs jobs,
    UserStore users,
    RequestContext caller)
{
    public Task<SlyProjectsProjectionsResponse> SlyProjectsProjectionsAsync(SlyProjectsProjectionsRequest request, CancellationToken cancellationToken)
    {
        projects.RequireState(request.ProjectId);
        if (request.Method is { } method && method != ProjectionMethod.Pca)
            throw ApiError.BadRequest($"'method' must be 'pca' on this server, got '{method}'");
        if (request.DatasetId is { } datasetId && datasets.Require(datasetId).ProjectId != request.ProjectId)
            throw ApiError.BadRequest($"'datasetId' {datasetId} is not a dataset of project {request.ProjectId}");
        return Task.FromResult(projections.Project(request.ProjectId, request.DatasetId, request.Limit,
            request.ClusteringMethod ?? ClusteringMethod.Kmeans, request.NumberOfClusters ?? ProjectProjections.DefaultClusters));
    }

    public Task<SlyProjectsDatasetCountsResponse> SlyProjectsDatasetCountsAsync(SlyProjectsDatasetCountsRequest request, CancellationToken cancellationToken)
    {
        projects.RequireState(request.ProjectId);
        if (request.CollectionId is { } collectionId && collections.Require(collectionId).ProjectId != request.ProjectId)
            throw ApiError.BadRequest($"'collectionId' {collectionId} is not a collection of project {request.ProjectId}");
        return Task.FromResult(new SlyProjectsDatasetCountsResponse { Items = datasets.Counts(request.ProjectId, request.CollectionId) });
    }

    public Task<SlyEmbeddingsProgressResponse> SlyEmbeddingsProgressAsync(SlyEmbeddingsProgressRequest request, CancellationToken cancellationToken)
    {
        var project = projects.RequireState(request.ProjectId);
        var errors = vectors.Errors(request.ProjectId).Select(e => new EmbeddingError { ImageId = e.ImageId, Message = e.Message }).ToList();
        // Counts describe the project, so they stay right across restarts and repeated jobs; times come from the job.
        var progress = jobs.Progress(request.ProjectId);
        var embedded = vectors.Count(request.ProjectId);
        return Task.FromResult(new SlyEmbeddingsProgressResponse
        {
            ProjectId = project.Id, InProgress = project.EmbeddingsInProgress, Done = embedded, Failed = errors.Count,
            Total = embedded + errors.Count + vectors.PendingCount(request.ProjectId),
            StartedAt = progress?.StartedAt, UpdatedAt = progress?.UpdatedAt ?? project.EmbeddingsUpdatedAt, Errors = errors,
        });
    }

    public async Task<SlyUsersAddResponse> SlyUsersAddAsync(SlyUsersAddRequest request, CancellationToken cancellationToken)
    {
        if (!caller.User.IsAdmin)
            throw ApiError.Forbidden("Only an admin may create users");
        if (!LoginPattern().IsMatch(request.Login))
            throw ApiError.BadRequest($"'login' must be 1-64 letters, digits, '.', '_' or '-', got '{request.Login}'");
        var role = request.Role?.Value ?? "annotator";
        if (role is not ("admin" or "annotator"))
            throw ApiError.BadRequest($"'role' must be 'admin' or 'annotator', got '{role}'");
        var (user, token) = await users.AddAsync(request.Login, role, request.Name, request.Email, cancellationToken);
        return new SlyUsersAddResponse { User = user, Token = token };
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex LoginPattern();
}
