using Sly.Search.Clustering;

namespace Sly.Search.Tests.Clustering;

/// <summary>k-means on data whose answer is known, against naive computations, and its determinism and validation.</summary>
public sealed class KMeansTests
{
    [Theory]
    [InlineData(8, 40, 32)]
    [InlineData(10, 30, 512)]
    [InlineData(3, 25, 5)]
    public void Well_separated_blobs_are_recovered_with_perfect_purity(int blobs, int perBlob, int dimension)
    {
        var data = SyntheticClusters.Generate(blobs, perBlob, dimension, spread: 0.15, seed: blobs + dimension);

        var result = KMeans.Fit(data.Vectors, dimension, new KMeansOptions(blobs) { Seed = 7 });

        Assert.True(data.IsRecoveredBy(result.Labels));
        Assert.All(result.ClusterSizes, size => Assert.Equal(perBlob, size));
        Assert.True(result.Converged);
        Assert.InRange(result.Iterations, 1, 300);
    }

    [Fact]
    public void Inertia_and_centroids_match_a_naive_computation_from_the_labels()
    {
        var data = SyntheticClusters.Generate(6, 50, 48, spread: 0.8, seed: 5); // overlapping blobs: a real optimisation
        var result = KMeans.Fit(data.Vectors, 48, new KMeansOptions(6) { Seed = 1 });

        var d = 48;
        double inertia = 0;
        for (var c = 0; c < 6; c++)
        {
            var members = Enumerable.Range(0, data.Count).Where(i => result.Labels[i] == c).ToArray();
            for (var f = 0; f < d; f++)
            {
                var mean = members.Average(i => (double)data.Vectors[i * d + f]);
                Assert.Equal(mean, result.Centroids[c * d + f], 1e-5);
            }
        }
        for (var i = 0; i < data.Count; i++)
        {
            var nearest = Enumerable.Range(0, 6).MinBy(c => SquaredDistance(data.Vectors, i, result.Centroids, c, d));
            Assert.Equal(nearest, result.Labels[i]);
            inertia += SquaredDistance(data.Vectors, i, result.Centroids, result.Labels[i], d);
        }
        Assert.Equal(inertia, result.Inertia, inertia * 1e-6);
    }

    [Fact]
    public void The_assignment_step_equals_a_naive_argmin_on_random_data()
    {
        var random = new Random(2);
        const int n = 1_003, d = 37, k = 29; // odd sizes: ragged row groups, centroid tiles and SIMD tails
        var data = Enumerable.Range(0, n * d).Select(_ => (float)random.NextDouble()).ToArray();
        var centroids = Enumerable.Range(0, k * d).Select(_ => (float)random.NextDouble()).ToArray();
        var norms = Enumerable.Range(0, n).Select(i => data.AsSpan(i * d, d).ToArray().Sum(x => x * x)).ToArray();
        var labels = new int[n];
        var distances = new float[n];

        KMeans.Assign(data, norms, n, d, centroids, k, labels, distances, new ParallelOptions());

        for (var i = 0; i < n; i++)
        {
            var exact = Enumerable.Range(0, k).Select(c => SquaredDistance(data, i, centroids, c, d)).ToArray();
            var best = Array.IndexOf(exact, exact.Min());
            // the expanded form may swap two centroids closer than float precision; accept only such a swap
            Assert.True(labels[i] == best || Math.Abs(exact[labels[i]] - exact[best]) < 1e-5, $"row {i}");
            Assert.Equal(exact[labels[i]], distances[i], 1e-4);
        }
    }

    [Fact]
    public void Same_seed_gives_identical_results_on_one_core_and_on_all()
    {
        var data = SyntheticClusters.Generate(12, 40, 64, spread: 0.9, seed: 9);

        var parallel = KMeans.Fit(data.Vectors, 64, new KMeansOptions(12) { Seed = 3 });
        var single = KMeans.Fit(data.Vectors, 64, new KMeansOptions(12) { Seed = 3, MaxDegreeOfParallelism = 1 });
        var otherSeed = KMeans.Fit(data.Vectors, 64, new KMeansOptions(12) { Seed = 4 });

        Assert.Equal(parallel.Labels, single.Labels);
        Assert.Equal(parallel.Centroids, single.Centroids);
        Assert.Equal(parallel.Inertia, single.Inertia);
        Assert.Equal(parallel.Iterations, single.Iterations);
        Assert.NotEqual(parallel.Centroids, otherSeed.Centroids);
    }

    [Fact]
    public void The_iteration_cap_is_respected_and_reported()
    {
        var data = SyntheticClusters.Generate(20, 20, 16, spread: 1.5, seed: 4);

        var result = KMeans.Fit(data.Vectors, 16, new KMeansOptions(20) { MaxIterations = 2, Tolerance = 0 });

        Assert.Equal(2, result.Iterations);
        Assert.False(result.Converged);
    }

    [Fact]
    public void One_cluster_is_the_mean_and_n_clusters_have_zero_inertia()
    {
        float[] data = [0, 0, 2, 0, 0, 2, 2, 2];

        var one = KMeans.Fit(data, 2, new KMeansOptions(1));
        var four = KMeans.Fit(data, 2, new KMeansOptions(4));

        Assert.Equal([1f, 1f], one.Centroid(0).ToArray());
        Assert.Equal(8.0, one.Inertia, 1e-9);
        Assert.Equal(0.0, four.Inertia);
        Assert.Equal(4, four.Labels.Distinct().Count());
    }

    [Fact]
    public void Duplicate_points_with_more_clusters_than_distinct_points_do_not_break_it()
    {
        float[] data = [1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1];

        var result = KMeans.Fit(data, 2, new KMeansOptions(3));

        Assert.Equal(0.0, result.Inertia);
        Assert.Equal(2, result.Labels.Distinct().Count());
        Assert.Equal(result.Labels[0], result.Labels[2]);
        Assert.Equal(result.Labels[3], result.Labels[5]);
    }

    [Fact]
    public void Mini_batch_recovers_well_separated_blobs_and_reports_its_steps()
    {
        var data = SyntheticClusters.Generate(8, 200, 64, spread: 0.15, seed: 8);

        var result = KMeans.Fit(data.Vectors, 64, new KMeansOptions(8) { MiniBatchSize = 128, Seed = 2 });
        var again = KMeans.Fit(data.Vectors, 64, new KMeansOptions(8) { MiniBatchSize = 128, Seed = 2 });

        Assert.True(data.IsRecoveredBy(result.Labels));
        Assert.Equal(result.Labels, again.Labels);
        Assert.Equal(result.Centroids, again.Centroids);
        Assert.InRange(result.Iterations, 2, 100 * 1_600 / 128);
    }

    [Fact]
    public void Several_initializations_keep_the_run_with_the_lowest_inertia()
    {
        var data = SyntheticClusters.Generate(12, 30, 16, spread: 0.9, seed: 3); // overlapping: seedings end in different minima
        var single = Enumerable.Range(0, 6).Select(seed => KMeans.Fit(data.Vectors, 16, new KMeansOptions(12) { Seed = 40 + seed })).ToList();

        var best = KMeans.Fit(data.Vectors, 16, new KMeansOptions(12) { Seed = 40, Initializations = 6 });

        Assert.True(single.Select(r => r.Inertia).Distinct().Count() > 1, "the seedings should not all agree");
        var lowest = single.MinBy(r => r.Inertia)!;
        Assert.Equal(lowest.Inertia, best.Inertia);
        Assert.Equal(lowest.Labels, best.Labels);
        Assert.Equal(single[0].Labels, KMeans.Fit(data.Vectors, 16, new KMeansOptions(12) { Seed = 40, Initializations = 1 }).Labels);
    }

    [Fact]
    public void Bad_options_and_shapes_name_the_parameter_and_the_allowed_range()
    {
        float[] data = [1, 0, 0, 1, 1, 1];

        AssertBad("ClusterCount", () => KMeans.Fit(data, 2, new KMeansOptions(0)), "from 1 to the number of vectors (3)");
        AssertBad("ClusterCount", () => KMeans.Fit(data, 2, new KMeansOptions(4)), "(3)");
        AssertBad("MaxIterations", () => KMeans.Fit(data, 2, new KMeansOptions(2) { MaxIterations = 0 }));
        AssertBad("Tolerance", () => KMeans.Fit(data, 2, new KMeansOptions(2) { Tolerance = -1 }));
        AssertBad("Tolerance", () => KMeans.Fit(data, 2, new KMeansOptions(2) { Tolerance = double.NaN }));
        AssertBad("MiniBatchSize", () => KMeans.Fit(data, 2, new KMeansOptions(2) { MiniBatchSize = 0 }));
        AssertBad("MaxDegreeOfParallelism", () => KMeans.Fit(data, 2, new KMeansOptions(2) { MaxDegreeOfParallelism = 0 }));
        AssertBad("Initializations", () => KMeans.Fit(data, 2, new KMeansOptions(2) { Initializations = 0 }), "at least 1");
        AssertBad("vectors", () => KMeans.Fit(data, 4, new KMeansOptions(1)), "whole rows of 4");
        AssertBad("vectors", () => KMeans.Fit(new float[] { 1, float.NaN }, 2, new KMeansOptions(1)), "finite");
        AssertBad("vectors", () => KMeans.Fit(Array.Empty<float>(), 2, new KMeansOptions(1)), "at least one");
        AssertBad("dimension", () => KMeans.Fit(data, 0, new KMeansOptions(1)));
        Assert.Throws<ArgumentNullException>(() => KMeans.Fit(data, 2, null!));
    }

    private static double SquaredDistance(float[] data, int row, float[] centroids, int cluster, int d)
    {
        double sum = 0;
        for (var f = 0; f < d; f++)
        {
            double delta = data[row * d + f] - centroids[cluster * d + f];
            sum += delta * delta;
        }
        return sum;
    }

    private static void AssertBad(string parameter, Action action, string? mention = null)
    {
        var error = Assert.Throws<ArgumentException>(action);
        Assert.Equal(parameter, error.ParamName);
        if (mention is not null)
            Assert.Contains(mention, error.Message);
    }
}
