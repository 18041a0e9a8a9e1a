using Sly.Api;
using Sly.Search.Projections;
using Sly.Search.VectorIndex;
using Sly.Server.Embeddings;
using Sly.Server.Domain;
using Sly.Server.Storage;

namespace Sly.Server.Search;

/// <summary>A project's embeddings projected to 2-D (PCA) with a cluster label per image, for the cluster charts.</summary>
public sealed class ProjectProjections(ProjectIndexes indexes, ImageStore images)
{
    /// <summary>Clusters when the request names no number.</summary>
    public const int DefaultClusters = 8;

    /// <summary>Points at most.</summary>
    public const int MaxPoints = 1_000_000;

    /// <summary>The projection of the project's images (or one dataset's), at most <paramref name="limit"/> of them.</summary>
    public SlyProjectsProjectionsResponse Project(long projectId, long? datasetId, int? limit, ClusteringMethod clustering, int numberOfClusters)
    {
        if (limit is < 1 or > MaxPoints)
            throw new InvalidRequestException($"'limit' must be between 1 and {MaxPoints}, got {limit}");
        if (numberOfClusters is < 1 or > 10000)
            throw new InvalidRequestException($"'numberOfClusters' must be between 1 and 10000, got {numberOfClusters}");
        var index = indexes.Get(projectId);
        if (index is null)
            return new SlyProjectsProjectionsResponse { ProjectId = projectId, Method = ProjectionMethod.Pca, Points = [] };

        var copied = index.CopyRows(datasetId is { } dataset ? VectorFilter.ForDatasets(dataset) : null);
        var ids = copied.Ids;
        var count = Math.Min(ids.Length, limit ?? ids.Length);
        var dimension = index.Dimension;
        var rows = copied.Vectors.AsSpan(0, count * dimension).ToArray();
        var coordinates = count == 0 ? null : PcaProjection.Fit(rows, dimension);
        var labels = count == 0 ? [] : AiSearchService.Cluster(rows, count, dimension, clustering, numberOfClusters, seed: projectId);
        var names = images.NamesOf(projectId);
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
            ProjectId = projectId,
            Method = ProjectionMethod.Pca,
            Points = points,
            ClusterSizes = labels.GroupBy(l => l).ToDictionary(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => g.Count()),
        };
    }
}
