using Sly.Search.Clustering;
using Sly.Search.Sampling;

namespace Sly.Search.Tests.Sampling;

/// <summary>Supervisely's round-robin semantics: cluster order, nearest-to-mean first, noise, determinism.</summary>
public sealed class DiverseSamplerTests
{
    // one-dimensional points, so distances to a cluster's mean are plain arithmetic
    //                     0   1   2   3   4   5   6   7   8
    private static readonly int[] Labels = [2, 2, 0, 1, 0, 2, 1, 0, 2];
    private static readonly float[] Points = [0, 10, 5, 100, 7, 4, 101, 6.2f, 3];
    // cluster 2 = rows 0,1,5,8 at 0,10,4,3: mean 4.25 → 5 (4), 8 (3), 0 (0), 1 (10)
    // cluster 0 = rows 2,4,7 at 5,7,6.2: mean 6.0667 → 7 (6.2), 4 (7), 2 (5)
    // cluster 1 = rows 3,6 at 100,101: mean 100.5 → tie, lower index first: 3, 6

    [Fact]
    public void Centroids_goes_round_robin_in_order_of_first_appearance_nearest_to_the_mean_first()
    {
        var sample = DiverseSampler.Sample(Labels, Points, 1, new DiverseSamplingOptions(9));

        Assert.Equal([5, 7, 3, 8, 4, 6, 0, 2, 1], sample.Indices);
        Assert.Equal([2, 0, 1, 2, 0, 1, 2, 0, 2], sample.Labels);
    }

    [Fact]
    public void A_sample_size_smaller_than_a_round_stops_mid_round_and_a_larger_one_returns_every_point_once()
    {
        Assert.Equal([5, 7], DiverseSampler.Sample(Labels, Points, 1, new DiverseSamplingOptions(2)).Indices);
        Assert.Equal([5, 7, 3, 8], DiverseSampler.Sample(Labels, Points, 1, new DiverseSamplingOptions(4)).Indices);
        var all = DiverseSampler.Sample(Labels, Points, 1, new DiverseSamplingOptions(50));
        Assert.Equal(9, all.Count);
        Assert.Equal(Enumerable.Range(0, 9), all.Indices.Order());
    }

    [Fact]
    public void Noise_is_a_cluster_of_its_own_unless_excluded()
    {
        int[] labels = [Dbscan.Noise, 0, 0, Dbscan.Noise, 1];
        float[] points = [50, 1, 2, 60, 9];

        var with = DiverseSampler.Sample(labels, points, 1, new DiverseSamplingOptions(5));
        var without = DiverseSampler.Sample(labels, points, 1, new DiverseSamplingOptions(5) { IncludeNoise = false });

        Assert.Equal([0, 1, 4, 3, 2], with.Indices); // noise mean 55: tie between 50 and 60, lower index first
        Assert.Equal([Dbscan.Noise, 0, 1, Dbscan.Noise, 0], with.Labels);
        Assert.Equal([1, 4, 2], without.Indices);
    }

    [Fact]
    public void The_mean_is_taken_over_whole_vectors()
    {
        // one cluster in 2-D at (0,0), (1,3), (1,1.1), (2,0): mean (1, 1.025); rows 0 and 3 tie (lower index first)
        int[] labels = [0, 0, 0, 0];
        float[] points = [0, 0, 1, 3, 1, 1.1f, 2, 0];

        Assert.Equal([2, 0, 3, 1], DiverseSampler.Sample(labels, points, 2, new DiverseSamplingOptions(4)).Indices);
    }

    [Fact]
    public void Random_picks_one_member_per_cluster_per_round_deterministically_for_a_seed()
    {
        var labels = Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? 3 : i % 3).ToArray();
        var options = new DiverseSamplingOptions(200) { Method = DiverseSamplingMethod.Random, Seed = 42 };

        var first = DiverseSampler.Sample(labels, ReadOnlyMemory<float>.Empty, 512, options);
        var second = DiverseSampler.Sample(labels, ReadOnlyMemory<float>.Empty, 512, options);
        var otherSeed = DiverseSampler.Sample(labels, ReadOnlyMemory<float>.Empty, 512, options with { Seed = 43 });

        Assert.Equal(first.Indices, second.Indices);
        Assert.NotEqual(first.Indices, otherSeed.Indices);
        Assert.Equal(200, first.Indices.Distinct().Count());
        Assert.All(first.Indices.Zip(first.Labels), pick => Assert.Equal(labels[pick.First], pick.Second));
        Assert.Equal([3, 1, 2, 0], first.Labels.Take(4)); // order of first appearance: rows 0, 1, 2, 3
    }

    [Fact]
    public void By_cluster_groups_picks_in_order_of_first_appearance()
    {
        var sample = DiverseSampler.Sample(Labels, Points, 1, new DiverseSamplingOptions(9));

        var groups = sample.ByCluster();

        Assert.Equal([2, 0, 1], groups.Select(g => g.Label));
        Assert.Equal([5, 8, 0, 1], groups[0].Indices);
        Assert.Equal([7, 4, 2], groups[1].Indices);
        Assert.Equal([3, 6], groups[2].Indices);
    }

    [Fact]
    public void Bad_input_names_the_parameter_and_what_is_allowed()
    {
        AssertBad("SampleSize", () => DiverseSampler.Sample(Labels, Points, 1, new DiverseSamplingOptions(0)), "at least 1");
        AssertBad("Method", () => DiverseSampler.Sample(Labels, Points, 1, new DiverseSamplingOptions(2) { Method = (DiverseSamplingMethod)9 }));
        AssertBad("labels", () => DiverseSampler.Sample([0, -2], new float[] { 1, 2 }, 1, new DiverseSamplingOptions(2)), "label 1 is -2");
        AssertBad("vectors", () => DiverseSampler.Sample(Labels, Points.AsMemory(0, 8), 1, new DiverseSamplingOptions(2)), "one row of 1 floats per label (9 rows)");
        AssertBad("vectors", () => DiverseSampler.Sample(Labels, ReadOnlyMemory<float>.Empty, 1, new DiverseSamplingOptions(2)));
    }

    private static void AssertBad(string parameter, Action action, string? mention = null)
    {
        var error = Assert.Throws<ArgumentException>(action);
        Assert.Equal(parameter, error.ParamName);
        if (mention is not null)
            Assert.Contains(mention, error.Message);
    }
}
