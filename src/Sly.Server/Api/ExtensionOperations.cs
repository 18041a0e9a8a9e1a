using System.Text.RegularExpressions;
using Sly.Api;
using Sly.Search.Projections;
using Sly.Server.Auth;
using Sly.Server.Embeddings;
using Sly.Server.Search;
using Sly.Server.Storage;

namespace Sly.Server.Api;

/// <summary>
/// The x-sly-extension operations: 2-D projections with cluster labels and per-dataset counts (so charts need no raw
/// vectors client side), embedding progress, and users with their own tokens.
/// </summary>
public sealed partial class ExtensionOperations(
    ProjectStore projects,
    DatasetStore datasets,
    ImageStore images,
    VectorStore vectors,
    CollectionStore collections,
    ProjectIndexes indexes,
    EmbeddingJobs jobs,
    UserStore users,
    SqliteDatabase database)
{
    public const int DefaultClusters = 8;

    public void Register(OperationRouter router)
    {
        router.Map("sly.projects.projections", Projections);
        router.Map("sly.projects.dataset-counts", DatasetCounts);
        router.Map("sly.embeddings.progress", Progress);
        router.Map("sly.users.add", AddUser);
    }

    private async Task<object?> Projections(ApiContext context)
    {
        var request = await context.BodyAsync<SlyProjectsProjectionsRequest>();
        projects.RequireState(request.ProjectId);
        if (request.Method is { } method && method != ProjectionMethod.Pca)
            throw ApiError.BadRequest($"'method' must be 'pca' on this server, got '{method}'");
        if (request.Limit is < 1 or > 1_000_000)
            throw ApiError.BadRequest($"'limit' must be between 1 and 1000000, got {request.Limit}");
        if (request.NumberOfClusters is < 1 or > 10000)
            throw ApiError.BadRequest($"'numberOfClusters' must be between 1 and 10000, got {request.NumberOfClusters}");
        if (request.DatasetId is { } datasetId && datasets.Require(datasetId).ProjectId != request.ProjectId)
            throw ApiError.BadRequest($"'datasetId' {datasetId} is not a dataset of project {request.ProjectId}");
        var index = indexes.Get(request.ProjectId);
        if (index is null)
            return new SlyProjectsProjectionsResponse { ProjectId = request.ProjectId, Method = ProjectionMethod.Pca, Points = [] };

        var filter = request.DatasetId is { } dataset ? Sly.Search.VectorIndex.VectorFilter.ForDatasets(dataset) : null;
        var copied = index.CopyRows(filter);
        var ids = copied.Ids;
        var count = Math.Min(ids.Length, request.Limit ?? ids.Length);
        var dimension = index.Dimension;
        var rows = copied.Vectors.AsSpan(0, count * dimension).ToArray();
        var coordinates = count == 0 ? null : PcaProjection.Fit(rows, dimension);
        var clustering = request.ClusteringMethod ?? ClusteringMethod.Kmeans;
        var labels = count == 0 ? [] : AiSearchService.Cluster(rows, count, dimension, clustering, request.NumberOfClusters ?? DefaultClusters, seed: request.ProjectId);
        var names = images.NamesOf(request.ProjectId);
        var points = new List<ProjectionPoint>(count);
        for (var i = 0; i < count; i++)
        {
            var (name, datasetOfImage) = names.TryGetValue(ids[i], out var info) ? info : ("", 0L);
            points.Add(new ProjectionPoint
            {
                ImageId = ids[i], DatasetId = datasetOfImage, Name = name,
                X = coordinates!.X[i], Y = coordinates.Y[i], Cluster = labels[i],
            });
        }
        return new SlyProjectsProjectionsResponse
        {
            ProjectId = request.ProjectId,
            Method = ProjectionMethod.Pca,
            Points = points,
            ClusterSizes = labels.GroupBy(l => l).ToDictionary(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Count()),
        };
    }

    private async Task<object?> DatasetCounts(ApiContext context)
    {
        var request = await context.BodyAsync<SlyProjectsDatasetCountsRequest>();
        projects.RequireState(request.ProjectId);
        if (request.CollectionId is { } collectionId && collections.Require(collectionId).ProjectId != request.ProjectId)
            throw ApiError.BadRequest($"'collectionId' {collectionId} is not a collection of project {request.ProjectId}");
        using var connection = database.Open();
        var items = connection.Query("""
            SELECT d.id, d.name,
                   (SELECT COUNT(*) FROM images i WHERE i.dataset_id = d.id),
                   (SELECT COUNT(*) FROM vectors v WHERE v.dataset_id = d.id),
                   (SELECT COUNT(*) FROM collection_items ci JOIN images i ON i.id = ci.image_id WHERE ci.collection_id = $c AND i.dataset_id = d.id)
            FROM datasets d WHERE d.project_id = $p ORDER BY d.id
            """, r => new DatasetCounts
        {
            DatasetId = r.GetInt64(0), DatasetName = r.GetString(1), ImagesCount = r.GetInt64(2), EmbeddedCount = r.GetInt64(3),
            HitsCount = request.CollectionId is null ? null : r.GetInt64(4),
        }, ("$p", request.ProjectId), ("$c", request.CollectionId ?? 0));
        return new SlyProjectsDatasetCountsResponse { Items = items };
    }

    private async Task<object?> Progress(ApiContext context)
    {
        var request = await context.BodyAsync<SlyEmbeddingsProgressRequest>();
        var project = projects.RequireState(request.ProjectId);
        var errors = vectors.Errors(request.ProjectId).Select(e => new EmbeddingError { ImageId = e.ImageId, Message = e.Message }).ToList();
        // Counts describe the project, so they stay right across restarts and repeated jobs; times come from the job.
        var progress = jobs.Progress(request.ProjectId);
        var embedded = vectors.Count(request.ProjectId);
        return new SlyEmbeddingsProgressResponse
        {
            ProjectId = project.Id, InProgress = project.EmbeddingsInProgress, Done = embedded, Failed = errors.Count,
            Total = embedded + errors.Count + vectors.PendingCount(request.ProjectId),
            StartedAt = progress?.StartedAt, UpdatedAt = progress?.UpdatedAt ?? project.EmbeddingsUpdatedAt, Errors = errors,
        };
    }

    private async Task<object?> AddUser(ApiContext context)
    {
        if (!context.User.IsAdmin)
            throw ApiError.Forbidden("Only an admin may create users");
        var request = await context.BodyAsync<SlyUsersAddRequest>();
        if (!LoginPattern().IsMatch(request.Login))
            throw ApiError.BadRequest($"'login' must be 1-64 letters, digits, '.', '_' or '-', got '{request.Login}'");
        var role = request.Role?.Value ?? "annotator";
        if (role is not ("admin" or "annotator"))
            throw ApiError.BadRequest($"'role' must be 'admin' or 'annotator', got '{role}'");
        if (users.LoginExists(request.Login))
            throw ApiError.BadRequest($"A user with login '{request.Login}' already exists");
        var (user, token) = users.Add(request.Login, role, request.Name, request.Email);
        return new SlyUsersAddResponse { User = user, Token = token };
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex LoginPattern();
}
