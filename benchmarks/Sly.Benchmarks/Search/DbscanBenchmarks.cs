using System.Globalization;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sly.Search.Clustering;

namespace Sly.Benchmarks.Search;

/// <summary>
/// DBSCAN (cosine, brute force) on 20k × 512 CLIP-like vectors with MinPoints 5 and the eps suggested from the
/// k-distance knee, and the suggestion itself. The setup writes the eps and our labels to artifacts/bench-data so
/// benchmarks/peers/dbscan_sklearn.py runs scikit-learn with the same eps and compares the labels.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class DbscanBenchmarks
{
    public const int Rows = 20_000;
    public const int MinPoints = 5;
    private float[] _data = [];
    private float _eps;

    public static string EpsPath => Path.Combine(SearchBenchmarkData.Folder, $"dbscan-eps-{Rows}.txt");

    public static string LabelsPath => Path.Combine(SearchBenchmarkData.Folder, $"dbscan-labels-{Rows}-ours.i32");

    [GlobalSetup]
    public void Setup()
    {
        _data = SearchBenchmarkData.LoadRows(Rows);
        _eps = Dbscan.SuggestEps(_data, SearchBenchmarkData.Dimension, MinPoints);
        var result = Fit();
        File.WriteAllText(EpsPath, _eps.ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllBytes(LabelsPath, MemoryMarshal.AsBytes(result.Labels.AsSpan()).ToArray());
        Console.WriteLine($"// DBSCAN {Rows:N0} × 512: suggested eps {_eps:F4} (cosine distance), {result.ClusterCount} clusters, {result.NoiseCount} noise points");
    }

    [Benchmark(Baseline = true, Description = "DBSCAN cosine, eps given")]
    public DbscanResult Fit() =>
        Dbscan.Fit(_data, SearchBenchmarkData.Dimension, new DbscanOptions { Eps = _eps, MinPoints = MinPoints });

    [Benchmark(Description = "suggest eps (k-distance knee, 1,000 sampled rows)")]
    public float SuggestEps() => Dbscan.SuggestEps(_data, SearchBenchmarkData.Dimension, MinPoints);
}
