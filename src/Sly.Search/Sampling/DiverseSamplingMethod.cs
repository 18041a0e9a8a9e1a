namespace Sly.Search.Sampling;

/// <summary>How <see cref="DiverseSampler"/> picks a cluster's member in each round (Supervisely's <c>sampling_method</c>).</summary>
public enum DiverseSamplingMethod
{
    /// <summary>Members nearest the cluster mean first (Supervisely's "centroids").</summary>
    Centroids,

    /// <summary>A seeded random remaining member (Supervisely's "random").</summary>
    Random,
}
