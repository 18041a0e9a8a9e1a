using System.Diagnostics;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Sly.Benchmarks.Search;

/// <summary>
/// ML.NET's KMeansTrainer on the data of <see cref="KMeansBenchmarks"/> (100k × 512, k = 10 and 100): k-means++
/// initialisation, at most 10 iterations, a tolerance too small to stop it early, all cores. The rows are an
/// IDataView cached in memory before anything is timed. The setup prints "// ML.NET k-means …" lines with the time
/// of one fit and its inertia, computed as ours is: Σ ‖x − c(x)‖² over the rows, c(x) the centroid ML.NET assigns.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class KMeansMlNetBenchmarks
{
    private const int Rows = 100_000;
    private const int Iterations = 10;
    private const int Dimension = SearchBenchmarkData.Dimension;
    private readonly MLContext _ml = new(seed: 0);
    private float[] _data = [];
    private IDataView _rows = null!;

    [Params(10, 100)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = SearchBenchmarkData.LoadRows(Rows);
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Dimension);
        var rows = Enumerable.Range(0, Rows).Select(i => new FeatureRow { Features = _data.AsSpan(i * Dimension, Dimension).ToArray() }).ToList();
        _rows = _ml.Data.Cache(_ml.Data.LoadFromEnumerable(rows, schema));
        Fill(_rows);

        Fit();
        var clock = Stopwatch.StartNew();
        var model = Fit();
        var fit = clock.Elapsed;
        Console.WriteLine($"// ML.NET k-means k={K}: fit {fit.TotalMilliseconds:F0} ms (k-means++ init + ≤ {Iterations} iterations, {Environment.ProcessorCount} threads), " +
            $"inertia {Inertia(model):F2}");
    }

    [Benchmark(Description = "ML.NET KMeansTrainer: k-means++ init + ≤ 10 iterations")]
    public ClusteringPredictionTransformer<KMeansModelParameters> Fit() =>
        _ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(FeatureRow.Features),
            NumberOfClusters = K,
            MaximumNumberOfIterations = Iterations,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            // ML.NET wants a positive tolerance; this one never stops it before the iteration cap.
            OptimizationTolerance = 1e-12f,
            NumberOfThreads = Environment.ProcessorCount,
        }).Fit(_rows);

    /// <summary>Reads every row once, so the cache is filled before any timing.</summary>
    private static void Fill(IDataView view)
    {
        using var cursor = view.GetRowCursor(view.Schema);
        var getter = cursor.GetGetter<VBuffer<float>>(view.Schema[nameof(FeatureRow.Features)]);
        var row = default(VBuffer<float>);
        while (cursor.MoveNext())
            getter(ref row);
    }

    private double Inertia(ClusteringPredictionTransformer<KMeansModelParameters> model)
    {
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out var k);
        var flat = centroids.Take(k).SelectMany(c => c.DenseValues()).ToArray();

        var predictions = model.Transform(_rows);
        var column = predictions.Schema["PredictedLabel"];
        using var cursor = predictions.GetRowCursor([column]);
        var getter = cursor.GetGetter<uint>(column);
        var difference = new float[Dimension];
        double inertia = 0;
        uint label = 0;
        for (var i = 0; cursor.MoveNext(); i++)
        {
            // PredictedLabel is a key: 1-based.
            getter(ref label);
            TensorPrimitives.Subtract(_data.AsSpan(i * Dimension, Dimension), flat.AsSpan((int)(label - 1) * Dimension, Dimension), difference);
            inertia += TensorPrimitives.SumOfSquares(difference);
        }
        return inertia;
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
