using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sly.Search.Projections;

namespace Sly.Benchmarks.Search;

/// <summary>2-D PCA of 100k × 512 CLIP-like vectors (covariance pass + eigen solve + projection). Peer: benchmarks/peers/pca_sklearn.py.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class PcaBenchmarks
{
    private const int Rows = 100_000;
    private float[] _data = [];

    [GlobalSetup]
    public void Setup()
    {
        _data = SearchBenchmarkData.LoadRows(Rows);
        var result = Fit();
        Console.WriteLine($"// PCA {Rows:N0} × 512: explained variance ratio {result.ExplainedVarianceRatio[0]:F4}, {result.ExplainedVarianceRatio[1]:F4}");
    }

    [Benchmark(Description = "PCA to 2-D, 100k × 512")]
    public PcaProjectionResult Fit() => PcaProjection.Fit(_data, 512);
}
