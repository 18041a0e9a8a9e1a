namespace Sly.Search.Sampling;

/// <summary>Settings of a <see cref="DiverseSampler"/> run.</summary>
/// <param name="SampleSize">How many points to pick, at least 1 (fewer come back when there are fewer points).</param>
public sealed record DiverseSamplingOptions(int SampleSize)
{
    /// <summary>How a cluster's member is picked each round. Default <see cref="DiverseSamplingMethod.Centroids"/>.</summary>
    public DiverseSamplingMethod Method { get; init; } = DiverseSamplingMethod.Centroids;

    /// <summary>Seed of <see cref="DiverseSamplingMethod.Random"/> picks.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Whether DBSCAN noise (label −1) takes part as a cluster of its own, as Supervisely's reference does
    /// (default), or is left out (the reference's <c>ignore_noise</c>).
    /// </summary>
    public bool IncludeNoise { get; init; } = true;

    internal void Validate()
    {
        if (SampleSize < 1)
            throw new ArgumentException($"The sample size must be at least 1; got {SampleSize}.", nameof(SampleSize));
        if (!Enum.IsDefined(Method))
            throw new ArgumentException($"The method must be {nameof(DiverseSamplingMethod.Centroids)} or {nameof(DiverseSamplingMethod.Random)}; got {Method}.", nameof(Method));
    }
}
