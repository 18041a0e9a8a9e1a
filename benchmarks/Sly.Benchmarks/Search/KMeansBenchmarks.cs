using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sly.Search.Clustering;

namespace Sly.Benchmarks.Search;

/// <summary>
/// k-means on 100k × 512 CLIP-like vectors (100 blobs) at k = 10 and k = 100: k-means++ seeding plus exactly 10
/// Lloyd iterations (tolerance 0, seed 0), and mini-batch k-means (batch 1024). The time per iteration, seeding time
/// and inertia are printed by the setup ("// k-means …" lines). Peer: benchmarks/peers/kmeans_sklearn.py with the
/// same k, n_init = 1, max_iter = 10, tol = 0. Target: ≤ 0.2× scikit-learn's time per iteration, inertia within 1 %.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class KMeansBenchmarks
{
    private const int Rows = 100_000;
    private const int Iterations = 10;
    private float[] _data = [];

    [Params(10, 100)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = SearchBenchmarkData.LoadRows(Rows);
        Lloyd();
        var lloyd = Lloyd();
        Console.WriteLine($"// k-means Lloyd k={K}: seeding {lloyd.SeedingTime.TotalMilliseconds:F0} ms, {lloyd.Iterations} iterations in " +
            $"{lloyd.IterationTime.TotalMilliseconds:F0} ms = {lloyd.IterationTime.TotalMilliseconds / lloyd.Iterations:F1} ms/iteration " +
            $"(incl. final assignment + inertia), inertia {lloyd.Inertia:F2}");
        var batch = MiniBatch();
        Console.WriteLine($"// k-means mini-batch k={K}: seeding {batch.SeedingTime.TotalMilliseconds:F0} ms, {batch.Iterations} steps in " +
            $"{batch.IterationTime.TotalMilliseconds:F0} ms, inertia {batch.Inertia:F2}");
    }

    [Benchmark(Baseline = true, Description = "k-means++ seeding + 10 Lloyd iterations")]
    public KMeansResult Lloyd() =>
        KMeans.Fit(_data, SearchBenchmarkData.Dimension, new KMeansOptions(K) { MaxIterations = Iterations, Tolerance = 0, Seed = 0 });

    [Benchmark(Description = "mini-batch k-means, batch 1024, ≤ 10 epochs")]
    public KMeansResult MiniBatch() =>
        KMeans.Fit(_data, SearchBenchmarkData.Dimension, new KMeansOptions(K) { MaxIterations = Iterations, Tolerance = 0, Seed = 0, MiniBatchSize = 1024 });
}
