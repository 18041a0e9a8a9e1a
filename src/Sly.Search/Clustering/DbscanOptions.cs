namespace Sly.Search.Clustering;

/// <summary>Settings of a <see cref="Dbscan"/> run.</summary>
public sealed record DbscanOptions
{
    /// <summary>
    /// Neighbourhood radius as a cosine distance (1 − cosine similarity), in (0, 2]. Null (default): chosen from the
    /// data by <see cref="Dbscan.SuggestEps"/> (the knee of the sorted k-distances). Supervisely's reference uses
    /// Euclidean eps 0.5 on unit vectors, which is cosine distance 0.125 (similarity ≥ 0.875): on CLIP embeddings
    /// that leaves most images as noise, hence the data-driven default.
    /// </summary>
    public float? Eps { get; init; }

    /// <summary>Neighbours (the point itself included) that make a point a core point; at least 1. Default 5, as the reference.</summary>
    public int MinPoints { get; init; } = 5;

    /// <summary>Cores to use; −1 (default) for all.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        if (Eps is { } eps && !(eps > 0 && eps <= 2))
            throw new ArgumentException($"Eps is a cosine distance and must be in (0, 2] (or null to choose it from the data); got {eps}.", nameof(Eps));
        if (MinPoints < 1)
            throw new ArgumentException($"The minimum number of points must be at least 1; got {MinPoints}.", nameof(MinPoints));
        if (MaxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentException($"The degree of parallelism must be −1 (all cores) or at least 1; got {MaxDegreeOfParallelism}.", nameof(MaxDegreeOfParallelism));
    }
}
