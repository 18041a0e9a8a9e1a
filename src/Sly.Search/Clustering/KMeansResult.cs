namespace Sly.Search.Clustering;

/// <summary>The outcome of <see cref="KMeans.Fit"/>.</summary>
public sealed class KMeansResult
{
    internal KMeansResult(int[] labels, float[] centroids, int clusterCount, int dimension, double inertia, int iterations,
        bool converged, TimeSpan seedingTime, TimeSpan iterationTime)
    {
        Labels = labels;
        Centroids = centroids;
        ClusterCount = clusterCount;
        Dimension = dimension;
        Inertia = inertia;
        Iterations = iterations;
        Converged = converged;
        SeedingTime = seedingTime;
        IterationTime = iterationTime;
        ClusterSizes = new int[clusterCount];
        foreach (var label in labels)
            ClusterSizes[label]++;
    }

    /// <summary>The cluster (0..k−1) of each input row: the nearest centroid, ties to the lower cluster.</summary>
    public int[] Labels { get; }

    /// <summary>Centroids, row-major k × <see cref="Dimension"/>: the mean of each cluster's members.</summary>
    public float[] Centroids { get; }

    /// <summary>k.</summary>
    public int ClusterCount { get; }

    /// <summary>Components per vector.</summary>
    public int Dimension { get; }

    /// <summary>Members per cluster.</summary>
    public int[] ClusterSizes { get; }

    /// <summary>Sum of squared Euclidean distances of the rows to their centroid (scikit-learn's <c>inertia_</c>).</summary>
    public double Inertia { get; }

    /// <summary>Lloyd iterations run (mini-batch: batch steps), including the one that converged.</summary>
    public int Iterations { get; }

    /// <summary>Whether the tolerance (or unchanged labels, or no mini-batch improvement) stopped it before the cap.</summary>
    public bool Converged { get; }

    /// <summary>Time spent in k-means++ seeding.</summary>
    public TimeSpan SeedingTime { get; }

    /// <summary>Time spent in the iterations, the final assignment and the inertia (everything after seeding).</summary>
    public TimeSpan IterationTime { get; }

    /// <summary>Centroid <paramref name="cluster"/>.</summary>
    public ReadOnlySpan<float> Centroid(int cluster)
    {
        if ((uint)cluster >= (uint)ClusterCount)
            throw new ArgumentOutOfRangeException(nameof(cluster), cluster, $"The cluster must be in [0, {ClusterCount}).");
        return Centroids.AsSpan(cluster * Dimension, Dimension);
    }
}
