namespace Sly.Search.Clustering;

/// <summary>Settings of a <see cref="KMeans"/> run. Defaults follow scikit-learn's <c>KMeans</c>.</summary>
/// <param name="ClusterCount">k: number of clusters, from 1 to the number of points.</param>
public sealed record KMeansOptions(int ClusterCount)
{
    /// <summary>
    /// Cap on Lloyd iterations (full batch), or on passes over the data (mini-batch: <c>MaxIterations × n /
    /// MiniBatchSize</c> steps). At least 1. Default 300, scikit-learn's <c>max_iter</c>.
    /// </summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>
    /// Convergence tolerance, relative as in scikit-learn: iterations stop once the summed squared movement of the
    /// centroids is at most <c>Tolerance × mean per-feature variance</c> of the data (or labels stop changing).
    /// 0 or more. Default 1e-4.
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Seed of the k-means++ seeding (and of batch sampling in mini-batch mode); same seed, same result.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Null (default): full-batch Lloyd iterations. A size: mini-batch k-means (Sculley 2010, as scikit-learn's
    /// <c>MiniBatchKMeans</c>) — each step assigns a random batch of this many points and moves their centroids by
    /// a per-centroid learning rate; stops after 10 steps without improvement of the smoothed batch inertia. For
    /// large n with large k. At least 1.
    /// </summary>
    public int? MiniBatchSize { get; init; }

    /// <summary>
    /// How many times to run k-means from a different k-means++ seeding (scikit-learn's <c>n_init</c>), keeping the
    /// run with the lowest inertia. Run <c>r</c> seeds with <c>Seed + r</c>, so 1 (default) is the single run of
    /// <see cref="Seed"/>. More runs escape poor local minima at proportional cost. At least 1.
    /// </summary>
    public int Initializations { get; init; } = 1;

    /// <summary>Cores to use; −1 (default) for all.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate(int count)
    {
        if (count < 1)
            throw new ArgumentException("k-means needs at least one vector; got none.", "vectors");
        if (ClusterCount < 1 || ClusterCount > count)
            throw new ArgumentException($"The cluster count must be from 1 to the number of vectors ({count}); got {ClusterCount}.", nameof(ClusterCount));
        if (MaxIterations < 1)
            throw new ArgumentException($"The iteration cap must be at least 1; got {MaxIterations}.", nameof(MaxIterations));
        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
            throw new ArgumentException($"The tolerance must be a finite number ≥ 0; got {Tolerance}.", nameof(Tolerance));
        if (MiniBatchSize is < 1)
            throw new ArgumentException($"The mini-batch size must be at least 1 (or null for full-batch Lloyd); got {MiniBatchSize}.", nameof(MiniBatchSize));
        if (Initializations < 1)
            throw new ArgumentException($"The number of initializations must be at least 1; got {Initializations}.", nameof(Initializations));
        if (MaxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentException($"The degree of parallelism must be −1 (all cores) or at least 1; got {MaxDegreeOfParallelism}.", nameof(MaxDegreeOfParallelism));
    }
}
