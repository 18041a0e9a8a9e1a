using Sly.Search.Clustering;

namespace Sly.Search.Sampling;

/// <summary>
/// Supervisely's diverse sampling over cluster labels: round-robin across clusters in order of first appearance of
/// their label, one pick per cluster per round, until the sample size is reached or every point is picked.
/// </summary>
/// <remarks>
/// With <see cref="DiverseSamplingMethod.Centroids"/> each cluster gives its members in order of Euclidean
/// distance to the cluster mean, nearest first (ties to the lower index); with
/// <see cref="DiverseSamplingMethod.Random"/> a seeded random remaining member. Both are deterministic. The reference
/// clusters with k = sample size, so usually one round is all there is; with fewer clusters later rounds take
/// each cluster's next member.
/// </remarks>
public static class DiverseSampler
{
    /// <summary>
    /// Picks up to <c>options.SampleSize</c> of the rows labelled by <paramref name="labels"/>.
    /// <paramref name="vectors"/> (row-major, <paramref name="dimension"/> floats per row, one row per label) gives
    /// the cluster means for <see cref="DiverseSamplingMethod.Centroids"/>; <see cref="DiverseSamplingMethod.Random"/>
    /// does not read it and accepts empty memory.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range, a label is below −1, or the vectors are not
    /// one finite row per label when they are needed.</exception>
    public static DiverseSample Sample(ReadOnlySpan<int> labels, ReadOnlyMemory<float> vectors, int dimension, DiverseSamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clusters = new List<int>();
        var membersOf = new Dictionary<int, List<int>>();
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label < Dbscan.Noise)
                throw new ArgumentException($"Labels must be cluster numbers ≥ 0 or −1 for noise; label {i} is {label}.", nameof(labels));
            if (label == Dbscan.Noise && !options.IncludeNoise)
                continue;
            if (!membersOf.TryGetValue(label, out var members))
            {
                membersOf[label] = members = [];
                clusters.Add(label);
            }
            members.Add(i);
        }

        var queues = new List<int>[clusters.Count];
        if (options.Method == DiverseSamplingMethod.Centroids)
        {
            var n = VectorMatrix.RowCount(vectors, dimension);
            if (n != labels.Length)
                throw new ArgumentException($"The vectors must have one row of {dimension} floats per label ({labels.Length} rows); got {n}.", nameof(vectors));
            for (var c = 0; c < clusters.Count; c++)
                queues[c] = NearestToMeanFirst(membersOf[clusters[c]], vectors.Span, dimension);
        }
        else
        {
            for (var c = 0; c < clusters.Count; c++)
                queues[c] = membersOf[clusters[c]];
        }

        var random = new SeededRandom(options.Seed);
        var next = new int[clusters.Count];
        var indices = new List<int>(Math.Min(options.SampleSize, labels.Length));
        var picked = new List<int>(indices.Capacity);
        while (indices.Count < options.SampleSize)
        {
            var pickedThisRound = false;
            for (var c = 0; c < clusters.Count && indices.Count < options.SampleSize; c++)
            {
                var queue = queues[c];
                if (next[c] >= queue.Count)
                    continue;
                if (options.Method == DiverseSamplingMethod.Random)
                {
                    var j = next[c] + random.NextInt(queue.Count - next[c]);
                    (queue[next[c]], queue[j]) = (queue[j], queue[next[c]]);
                }
                indices.Add(queue[next[c]++]);
                picked.Add(clusters[c]);
                pickedThisRound = true;
            }
            if (!pickedThisRound)
                break;
        }
        return new DiverseSample([.. indices], [.. picked]);
    }

    private static List<int> NearestToMeanFirst(List<int> members, ReadOnlySpan<float> data, int d)
    {
        var mean = new double[d];
        foreach (var i in members)
        {
            var row = data.Slice(i * d, d);
            for (var f = 0; f < d; f++)
                mean[f] += row[f];
        }
        for (var f = 0; f < d; f++)
            mean[f] /= members.Count;
        var distances = new double[members.Count];
        for (var m = 0; m < members.Count; m++)
        {
            var row = data.Slice(members[m] * d, d);
            double sum = 0;
            for (var f = 0; f < d; f++)
            {
                var delta = row[f] - mean[f];
                sum += delta * delta;
            }
            distances[m] = sum;
        }
        var order = members.ToArray();
        Array.Sort(distances, order); // introsort is unstable: ties are ordered by index below
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && distances[end] == distances[start])
                end++;
            Array.Sort(order, start, end - start);
            start = end;
        }
        return [.. order];
    }
}
