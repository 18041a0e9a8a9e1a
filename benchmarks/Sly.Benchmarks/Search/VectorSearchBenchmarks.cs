using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sly.Search.VectorIndex;

namespace Sly.Benchmarks.Search;

/// <summary>
/// Exact top-100 over 100k and 1M × 512 CLIP-like vectors (one query, and a request of eight queries scored in one
/// pass), against the memory-bandwidth bound: a plain read of a matrix of the same size
/// (<see cref="TensorPrimitives.Sum(ReadOnlySpan{float})"/> over row blocks on all cores, the baseline, Ratio = 1).
/// Bandwidth efficiency = 1 / Ratio; the target is ≥ 70 %. The numpy peer (benchmarks/peers/vector_search_numpy.py)
/// runs matvec + argpartition on the same rows; target: our time ≤ 1.0× numpy's (half storage: ≤ 0.55×).
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class VectorSearchBenchmarks
{
    private const int Limit = 100;
    private float[] _matrix = [];
    private ExactVectorIndex _index = null!;
    private float[] _queries = [];

    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup(Targets = [nameof(ReadAllCores), nameof(ReadOneCore)])]
    public void LoadMatrix() => _matrix = SearchBenchmarkData.LoadRows(Rows);

    [GlobalSetup(Targets = [nameof(Top100OneQuery), nameof(Top100EightQueries), nameof(Top100OneQueryOneDataset)])]
    public void BuildFloat32Index() => (_index, _queries) = (Build(VectorStorage.Float32), SearchBenchmarkData.LoadQueries());

    [GlobalSetup(Targets = [nameof(Top100OneQueryHalf), nameof(Top100EightQueriesHalf)])]
    public void BuildHalfIndex()
    {
        _queries = SearchBenchmarkData.LoadQueries();
        var exact = Build(VectorStorage.Float32);
        _index = Build(VectorStorage.Float16WithRescore);
        var expected = exact.Search(_queries, SearchBenchmarkData.QueryCount, Limit);
        var actual = _index.Search(_queries, SearchBenchmarkData.QueryCount, Limit);
        var found = 0;
        var identical = true;
        for (var q = 0; q < expected.Count; q++)
        {
            found += expected[q].Select(h => h.Id).Intersect(actual[q].Select(h => h.Id)).Count();
            identical &= expected[q].SequenceEqual(actual[q]);
        }
        Console.WriteLine($"// half storage, {Rows:N0} rows: recall@{Limit} = {found / (double)(Limit * expected.Count):F4}, results identical to float32: {identical}");
    }

    [Benchmark(Baseline = true, Description = "sequential read of the same matrix, all cores")]
    public double ReadAllCores()
    {
        var matrix = _matrix;
        const int block = 1 << 20;
        var blocks = (matrix.Length + block - 1) / block;
        var sums = new double[blocks];
        Parallel.For(0, blocks, b => sums[b] = TensorPrimitives.Sum(matrix.AsSpan(b * block, Math.Min(block, matrix.Length - b * block))));
        return sums.Sum();
    }

    [Benchmark(Description = "sequential read of the same matrix, one core")]
    public float ReadOneCore() => TensorPrimitives.Sum(_matrix);

    [Benchmark(Description = "exact top-100, 1 query")]
    public int Top100OneQuery() => _index.Search(_queries.AsSpan(0, SearchBenchmarkData.Dimension), 1, Limit)[0].Length;

    [Benchmark(Description = "exact top-100, 8 queries in one request")]
    public int Top100EightQueries() => _index.Search(_queries, SearchBenchmarkData.QueryCount, Limit).Sum(r => r.Length);

    [Benchmark(Description = "exact top-100, 1 query, 1 of 4 datasets")]
    public int Top100OneQueryOneDataset() =>
        _index.Search(_queries.AsSpan(0, SearchBenchmarkData.Dimension), 1, Limit, VectorFilter.ForDatasets(2))[0].Length;

    [Benchmark(Description = "half storage + float32 rescore, top-100, 1 query")]
    public int Top100OneQueryHalf() => _index.Search(_queries.AsSpan(0, SearchBenchmarkData.Dimension), 1, Limit)[0].Length;

    [Benchmark(Description = "half storage + float32 rescore, top-100, 8 queries")]
    public int Top100EightQueriesHalf() => _index.Search(_queries, SearchBenchmarkData.QueryCount, Limit).Sum(r => r.Length);

    private ExactVectorIndex Build(VectorStorage storage)
    {
        var rows = SearchBenchmarkData.LoadRows(Rows);
        var index = new ExactVectorIndex(SearchBenchmarkData.Dimension, storage, Rows);
        const int batch = 10_000;
        var ids = new long[batch];
        var datasets = new long[batch];
        for (var start = 0; start < Rows; start += batch)
        {
            var count = Math.Min(batch, Rows - start);
            for (var i = 0; i < count; i++)
            {
                ids[i] = start + i;
                datasets[i] = SearchBenchmarkData.DatasetOf(start + i);
            }
            index.UpsertBatch(ids.AsSpan(0, count), datasets.AsSpan(0, count),
                rows.AsSpan(start * SearchBenchmarkData.Dimension, count * SearchBenchmarkData.Dimension));
        }
        return index;
    }
}
