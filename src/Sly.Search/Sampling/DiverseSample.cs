namespace Sly.Search.Sampling;

/// <summary>The picks of <see cref="DiverseSampler.Sample"/>, in pick order.</summary>
/// <param name="Indices">Row indices of the picked points, in the order they were picked (round by round).</param>
/// <param name="Labels">The cluster label of each pick.</param>
public sealed record DiverseSample(int[] Indices, int[] Labels)
{
    /// <summary>Number of picks.</summary>
    public int Count => Indices.Length;

    /// <summary>
    /// The picks grouped by cluster (clusters in order of first appearance in the labels, picks in pick order),
    /// which is how Supervisely's reference returns them (<c>{label: [indexes]}</c>, flattened cluster by cluster).
    /// </summary>
    public IReadOnlyList<(int Label, int[] Indices)> ByCluster()
    {
        var order = new List<int>();
        var groups = new Dictionary<int, List<int>>();
        for (var i = 0; i < Indices.Length; i++)
        {
            if (!groups.TryGetValue(Labels[i], out var members))
            {
                groups[Labels[i]] = members = [];
                order.Add(Labels[i]);
            }
            members.Add(Indices[i]);
        }
        return [.. order.Select(label => (label, groups[label].ToArray()))];
    }
}
