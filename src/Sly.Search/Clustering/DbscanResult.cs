namespace Sly.Search.Clustering;

/// <summary>The outcome of <see cref="Dbscan.Fit"/>.</summary>
public sealed class DbscanResult
{
    internal DbscanResult(int[] labels, bool[] isCore, int clusterCount, float eps, int minPoints)
    {
        Labels = labels;
        IsCore = isCore;
        ClusterCount = clusterCount;
        Eps = eps;
        MinPoints = minPoints;
        NoiseCount = labels.Count(label => label == Dbscan.Noise);
    }

    /// <summary>
    /// Cluster of each row, 0..<see cref="ClusterCount"/>−1 numbered in order of each cluster's first core point,
    /// or <see cref="Dbscan.Noise"/> (−1), exactly as scikit-learn labels them.
    /// </summary>
    public int[] Labels { get; }

    /// <summary>Whether each row is a core point (at least <see cref="MinPoints"/> rows within <see cref="Eps"/>, itself included).</summary>
    public bool[] IsCore { get; }

    /// <summary>Number of clusters (noise not counted).</summary>
    public int ClusterCount { get; }

    /// <summary>Rows labelled noise.</summary>
    public int NoiseCount { get; }

    /// <summary>The cosine-distance radius used (given, or suggested from the data).</summary>
    public float Eps { get; }

    /// <summary>The core-point threshold used.</summary>
    public int MinPoints { get; }
}
