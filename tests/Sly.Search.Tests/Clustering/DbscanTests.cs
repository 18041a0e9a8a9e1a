using Sly.Search.Clustering;

namespace Sly.Search.Tests.Clustering;

/// <summary>DBSCAN (cosine) on synthetic clusters with noise, against a naive implementation, and its eps suggestion.</summary>
public sealed class DbscanTests
{
    // 6 blobs of 60 on the 64-d sphere, cosine to centre ≈ 0.96, plus 40 uniform noise points (cosine ≈ 0 ± 0.12 to anything)
    private static readonly SyntheticClusters Data = SyntheticClusters.Generate(6, 60, 64, spread: 0.3, seed: 21, noise: 40);

    [Fact]
    public void Clusters_and_noise_are_recovered_with_a_given_eps()
    {
        var result = Dbscan.Fit(Data.Vectors, 64, new DbscanOptions { Eps = 0.3f, MinPoints = 5 });

        Assert.True(Data.IsRecoveredBy(result.Labels, noiseLabel: Dbscan.Noise));
        Assert.Equal(6, result.ClusterCount);
        Assert.Equal(40, result.NoiseCount);
        Assert.Equal(0.3f, result.Eps);
    }

    [Fact]
    public void The_suggested_eps_lies_between_the_cluster_scale_and_the_noise_scale_and_recovers_the_clusters()
    {
        var eps = Dbscan.SuggestEps(Data.Vectors, 64, minPoints: 5);
        var result = Dbscan.Fit(Data.Vectors, 64); // eps null: suggested

        Assert.InRange(eps, 0.05f, 0.6f);
        Assert.Equal(eps, result.Eps);
        Assert.True(Data.IsRecoveredBy(result.Labels, noiseLabel: Dbscan.Noise));
    }

    [Fact]
    public void The_reference_euclidean_eps_of_half_leaves_clip_like_clusters_as_noise()
    {
        // Supervisely's eps 0.5 (Euclidean on unit vectors) is cosine distance 0.125: on blobs as loose as CLIP's
        // (cosine to centre ≈ 0.8, pairwise ≈ 0.65) almost every point is noise. This is why eps defaults to the knee.
        var loose = SyntheticClusters.Generate(5, 80, 128, spread: 0.75, seed: 3);

        var reference = Dbscan.Fit(loose.Vectors, 128, new DbscanOptions { Eps = 0.125f });
        var suggested = Dbscan.Fit(loose.Vectors, 128);

        Assert.True(reference.NoiseCount > loose.Count * 0.9, $"{reference.NoiseCount} of {loose.Count} noise");
        // the knee finds the five clusters; a few cluster-edge points (here ≈ 1 %) are left as noise
        Assert.Equal(5, suggested.ClusterCount);
        Assert.InRange(suggested.NoiseCount, 0, loose.Count / 20);
        var clustered = Enumerable.Range(0, loose.Count).Where(i => suggested.Labels[i] != Dbscan.Noise).ToArray();
        Assert.All(clustered.GroupBy(i => loose.Truth[i]), group => Assert.Single(group.Select(i => suggested.Labels[i]).Distinct()));
    }

    [Theory]
    [InlineData(0.2f, 3)]
    [InlineData(0.35f, 5)]
    [InlineData(0.5f, 8)]
    [InlineData(0.9f, 4)]
    public void Labels_equal_a_naive_dbscan_on_random_data(float eps, int minPoints)
    {
        var random = new Random((int)(eps * 100) + minPoints);
        const int n = 300, d = 8;
        var data = Enumerable.Range(0, n * d).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

        var result = Dbscan.Fit(data, d, new DbscanOptions { Eps = eps, MinPoints = minPoints, MaxDegreeOfParallelism = 2 });

        var (labels, core) = NaiveDbscan(data, n, d, eps, minPoints);
        Assert.Equal(core, result.IsCore);
        Assert.Equal(labels, result.Labels);
    }

    [Fact]
    public void Clusters_are_numbered_by_first_core_point_and_a_border_point_joins_the_first_cluster_reaching_it()
    {
        // Angles in degrees on the unit circle; eps = 1 − cos(1.5°), so neighbours are at most 1.5° apart, and
        // MinPoints 4. Cluster A: 0.1–1.5°, cluster C: 4.3–5.6°. The point at 2.9° is 1.4° from a core point of each
        // but has only 3 neighbours itself: a border point of both. C's first core point (row 1) comes before A's
        // (row 2), so C is cluster 0 and takes the border point; 50° is noise.
        double[] angles = [2.9, 4.3, 0.1, 0.5, 4.8, 1.0, 1.5, 5.3, 5.6, 50];
        var data = angles.SelectMany(a => new[] { (float)Math.Cos(a * Math.PI / 180), (float)Math.Sin(a * Math.PI / 180) }).ToArray();
        var eps = (float)(1 - Math.Cos(1.5 * Math.PI / 180));

        var result = Dbscan.Fit(data, 2, new DbscanOptions { Eps = eps, MinPoints = 4 });

        Assert.Equal([0, 0, 1, 1, 0, 1, 1, 0, 0, Dbscan.Noise], result.Labels);
        Assert.Equal([false, true, true, true, true, true, true, true, true, false], result.IsCore);
        Assert.Equal(2, result.ClusterCount);
        Assert.Equal(1, result.NoiseCount);
    }

    [Fact]
    public void One_point_neighbourhoods_make_every_point_its_own_core()
    {
        var result = Dbscan.Fit(Data.Vectors, 64, new DbscanOptions { Eps = 1e-4f, MinPoints = 1 });

        Assert.Equal(Data.Count, result.ClusterCount);
        Assert.Equal(Enumerable.Range(0, Data.Count), result.Labels);
    }

    [Fact]
    public void Vectors_need_not_be_unit_length()
    {
        var scaled = Data.Vectors.Select((x, i) => x * (1 + i / 64 % 7)).ToArray();

        var result = Dbscan.Fit(scaled, 64, new DbscanOptions { Eps = 0.3f });

        Assert.True(Data.IsRecoveredBy(result.Labels, noiseLabel: Dbscan.Noise));
    }

    [Fact]
    public void Bad_options_and_vectors_name_the_parameter_and_what_is_allowed()
    {
        float[] data = [1, 0, 0, 1];

        AssertBad("Eps", () => Dbscan.Fit(data, 2, new DbscanOptions { Eps = 0 }), "(0, 2]");
        AssertBad("Eps", () => Dbscan.Fit(data, 2, new DbscanOptions { Eps = 2.5f }), "(0, 2]");
        AssertBad("Eps", () => Dbscan.Fit(data, 2, new DbscanOptions { Eps = float.NaN }));
        AssertBad("MinPoints", () => Dbscan.Fit(data, 2, new DbscanOptions { MinPoints = 0 }), "at least 1");
        AssertBad("MaxDegreeOfParallelism", () => Dbscan.Fit(data, 2, new DbscanOptions { MaxDegreeOfParallelism = -2 }));
        AssertBad("vectors", () => Dbscan.Fit(new float[] { 1, 0, 0, 0 }, 2), "Vector 1 ");
        AssertBad("vectors", () => Dbscan.Fit(data, 3), "whole rows");
        AssertBad("minPoints", () => Dbscan.SuggestEps(data, 2, 0));
    }

    private static (int[] Labels, bool[] Core) NaiveDbscan(float[] data, int n, int d, float eps, int minPoints)
    {
        var unit = Enumerable.Range(0, n).Select(i =>
        {
            var row = data.Skip(i * d).Take(d).Select(x => (double)x).ToArray();
            var norm = Math.Sqrt(row.Sum(x => x * x));
            return row.Select(x => x / norm).ToArray();
        }).ToArray();
        var neighbours = Enumerable.Range(0, n)
            .Select(i => Enumerable.Range(0, n).Where(j => 1 - unit[i].Zip(unit[j], (a, b) => a * b).Sum() <= eps || i == j).ToArray())
            .ToArray();
        var core = neighbours.Select(list => list.Length >= minPoints).ToArray();
        var labels = Enumerable.Repeat(-1, n).ToArray();
        var next = 0;
        for (var i = 0; i < n; i++)
        {
            if (labels[i] != -1 || !core[i])
                continue;
            var queue = new Queue<int>([i]); // breadth-first: same clusters as depth-first
            labels[i] = next;
            while (queue.Count > 0)
            {
                var p = queue.Dequeue();
                if (!core[p])
                    continue;
                foreach (var q in neighbours[p])
                {
                    if (labels[q] == -1)
                    {
                        labels[q] = next;
                        queue.Enqueue(q);
                    }
                }
            }
            next++;
        }
        return (labels, core);
    }

    private static void AssertBad(string parameter, Action action, string? mention = null)
    {
        var error = Assert.Throws<ArgumentException>(action);
        Assert.Equal(parameter, error.ParamName);
        if (mention is not null)
            Assert.Contains(mention, error.Message);
    }
}
