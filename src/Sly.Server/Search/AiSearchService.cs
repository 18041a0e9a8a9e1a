using Sly.Api;
using DiverseSamplingMethod = Sly.Api.DiverseSamplingMethod;
using Sly.Search.Clustering;
using Sly.Search.Embeddings;
using Sly.Search.Sampling;
using Sly.Search.VectorIndex;
using Sly.Server.Auth;
using Sly.Server.Embeddings;
using Sly.Server.Storage;
using Sly.Server.Domain;

namespace Sly.Server.Search;

/// <summary>
/// embeddings.send-ai-search. Similar search: each comma-separated prompt part and each reference image is its own
/// query; the queries of a request are scored in one pass over the index; results are merged by max score. Diverse
/// search: cluster (k-means or DBSCAN), then pick round-robin across clusters. Results replace the caller's aiSearch
/// collection for the project.
/// </summary>
public sealed class AiSearchService(
    ProjectStore projects,
    DatasetStore datasets,
    ImageStore images,
    BlobStore blobs,
    ProjectIndexes indexes,
    EmbedderProvider embedder,
    CollectionStore collections)
{
    /// <summary>DBSCAN's minimum neighbourhood, as the reference's min_samples.</summary>
    public const int DbscanMinPoints = 5;

    // concurrent unfiltered searches of a project share passes over its index; an index dropped by ProjectIndexes takes its searcher with it
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IVectorIndex, CoalescingSearcher> _searchers = new();

    public async Task<EmbeddingsSendAiSearchResponse> SearchAsync(EmbeddingsSendAiSearchRequest request, AuthenticatedUser user, CancellationToken cancellationToken)
    {
        AiSearchRequestRules.Check(request);
        var project = projects.RequireState(request.ProjectId);
        if (project.Type != "images")
            throw new InvalidRequestException($"AI search works on images projects; project {project.Id} is {project.Type}");
        if (!project.EmbeddingsEnabled)
            return new EmbeddingsSendAiSearchResponse { Message = $"AI Search is disabled for project {project.Id}. Skipping." };
        if (request.DatasetId is { } datasetId && datasets.Require(datasetId).ProjectId != project.Id)
            throw new InvalidRequestException($"'datasetId' {datasetId} is not a dataset of project {project.Id}");
        var index = indexes.Get(project.Id)
            ?? throw new NotFoundException($"Project {project.Id} has no embeddings yet: call embeddings.calculate-project-embeddings and wait until embeddingsInProgress is false");
        var filter = FilterOf(request);
        var key = AiSearchKey.For(project.Id, user.Token);

        if (request.Method is { } method)
            return await DiverseAsync(project.Id, index, filter, request, method, key, user, cancellationToken);
        return await SimilarAsync(project.Id, index, filter, request, key, user, cancellationToken);
    }

    private static VectorFilter? FilterOf(EmbeddingsSendAiSearchRequest request)
    {
        if (request.DatasetId is null && request.RestrictedImageIds is null)
            return null;
        return new VectorFilter(request.DatasetId is { } dataset ? [dataset] : null, request.RestrictedImageIds);
    }

    private async Task<EmbeddingsSendAiSearchResponse> SimilarAsync(long projectId, IVectorIndex index, VectorFilter? filter,
        EmbeddingsSendAiSearchRequest request, string key, AuthenticatedUser user, CancellationToken cancellationToken)
    {
        var queries = new List<float[]>();
        if (request.Prompt is { } prompt)
            queries.AddRange(await embedder.Embedder.EmbedTextsAsync(AiSearchRequestRules.Prompts(prompt), cancellationToken));
        foreach (var imageId in request.ImageIds ?? [])
            queries.Add(await ImageQueryAsync(projectId, index, imageId, cancellationToken));

        var flat = new float[queries.Count * index.Dimension];
        for (var q = 0; q < queries.Count; q++)
            queries[q].CopyTo(flat, q * index.Dimension);
        var hits = filter is null
            ? await _searchers.GetValue(index, i => new CoalescingSearcher(i)).SearchAsync(flat, queries.Count, request.Limit, request.Threshold)
            : index.Search(flat, queries.Count, request.Limit, filter, request.Threshold);

        var best = new Dictionary<long, float>();
        foreach (var perQuery in hits)
        {
            foreach (var hit in perQuery)
            {
                if (!best.TryGetValue(hit.Id, out var score) || hit.Score > score)
                    best[hit.Id] = hit.Score;
            }
        }
        if (best.Count == 0)
            return new EmbeddingsSendAiSearchResponse { Message = "No similar images found." };
        var items = best.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Select(p => (p.Key, (float?)p.Value)).ToList();
        var id = await collections.ReplaceAiSearchAsync(projectId, key, "AI Search Collection: " + key, items, user.Id, cancellationToken);
        return new EmbeddingsSendAiSearchResponse { CollectionId = id };
    }

    /// <summary>A reference image's query vector: its stored embedding, or embedded now when it has none yet.</summary>
    private async Task<float[]> ImageQueryAsync(long projectId, IVectorIndex index, long imageId, CancellationToken cancellationToken)
    {
        if (images.ProjectOf(imageId) != projectId)
            throw new NotFoundException($"Image {imageId} does not exist in project {projectId}");
        var vector = new float[index.Dimension];
        if (index.TryGetVector(imageId, vector))
            return vector;
        var file = images.FileOf(imageId)!.Value;
        var result = (await embedder.Embedder.EmbedImagesAsync([ImageSource.FromFile(blobs.PathOf(file.FileKey))], cancellationToken))[0];
        return result.Vector ?? throw new InvalidRequestException($"Image {imageId} cannot be embedded: {result.Error}");
    }

    private async Task<EmbeddingsSendAiSearchResponse> DiverseAsync(long projectId, IVectorIndex index, VectorFilter? filter,
        EmbeddingsSendAiSearchRequest request, DiverseSamplingMethod method, string key, AuthenticatedUser user, CancellationToken cancellationToken)
    {
        var rows = index.CopyRows(filter);
        var ids = rows.Ids;
        var matrix = rows.Vectors;
        if (ids.Length == 0)
            return new EmbeddingsSendAiSearchResponse { Message = "No images to sample from." };
        var sampleSize = Math.Min(request.UniqueItems ?? request.Limit, ids.Length);
        var labels = Cluster(matrix, ids.Length, index.Dimension, request.ClusteringMethod ?? ClusteringMethod.Dbscan, request.NumberOfClusters ?? sampleSize, seed: projectId);
        var picks = DiverseSampler.Sample(labels, matrix, index.Dimension, new DiverseSamplingOptions(sampleSize)
        {
            Method = method == DiverseSamplingMethod.Centroids ? Sly.Search.Sampling.DiverseSamplingMethod.Centroids : Sly.Search.Sampling.DiverseSamplingMethod.Random,
            Seed = projectId,
        });
        var items = picks.Indices.Select(i => (ids[i], (float?)null)).ToList();
        var id = await collections.ReplaceAiSearchAsync(projectId, key, "Diverse Collection: " + key, items, user.Id, cancellationToken);
        return new EmbeddingsSendAiSearchResponse { CollectionId = id };
    }

    /// <summary>Cluster labels per row; DBSCAN marks noise -1, which sampling treats as one more cluster.</summary>
    public static int[] Cluster(float[] matrix, int count, int dimension, ClusteringMethod method, int clusters, long seed)
    {
        var vectors = matrix.AsMemory(0, count * dimension);
        if (method == ClusteringMethod.Kmeans)
            return KMeans.Fit(vectors, dimension, new KMeansOptions(Math.Clamp(clusters, 1, count)) { Seed = seed }).Labels;
        return Dbscan.Fit(vectors, dimension, new DbscanOptions { MinPoints = Math.Min(DbscanMinPoints, count) }).Labels;
    }
}
