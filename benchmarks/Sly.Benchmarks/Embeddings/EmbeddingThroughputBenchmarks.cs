using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Microsoft.ML.OnnxRuntime;
using Sly.Search.Embeddings;

namespace Sly.Benchmarks.Embeddings;

/// <summary>
/// Image embedding throughput, per image, for the demo model and a ViT-B/32-shaped CLIP (random weights):
/// <list type="bullet">
/// <item><c>RawInference</c> (baseline): ONNX Runtime alone on a pre-made batch of 16 tensors, with the embedder's
/// threads and graph optimisation but ONNX Runtime's default spin-waiting (best when nothing else shares the cores)
/// — the ceiling of our pipeline;</item>
/// <item><c>FullPipeline</c>: <see cref="OnnxClipEmbedder"/> from JPEG files to unit vectors (read, decode, resize,
/// crop, normalise on all cores while the previous batch is inferred), batches of 16;</item>
/// <item><c>PreprocessOnly</c>: the same reading and preprocessing without inference, on all cores.</item>
/// </list>
/// Targets (issue 3): FullPipeline ≥ 0.9× RawInference's images/s (Ratio ≤ 1.11), preprocessing ≤ 15 % of the
/// pipeline. Peer: benchmarks/peers/embed_torch.py (PyTorch eager, PIL + torchvision preprocessing, same images).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[Config(typeof(Columns))]
public class EmbeddingThroughputBenchmarks
{
    public const int BatchSize = 16;
    private const int PipelineImages = 128;

    private OnnxClipEmbedder? _embedder;
    private InferenceSession? _session;
    private IReadOnlyList<string> _paths = [];
    private float[] _batch = [];
    private float[] _scratch = [];
    private long[] _shape = [];

    [Params(EmbeddingBenchmarkModels.Demo, EmbeddingBenchmarkModels.VitB32)]
    public string Model { get; set; } = EmbeddingBenchmarkModels.Demo;

    [GlobalSetup]
    public void Setup()
    {
        var folder = EmbeddingBenchmarkModels.Folder(Model);
        _paths = EmbeddingBenchmarkImages.Paths().Take(PipelineImages).ToList();
        _embedder = OnnxClipEmbedder.Load(folder, new OnnxClipEmbedderOptions { ImageBatchSize = BatchSize });
        using var options = new SessionOptions
        {
            IntraOpNumThreads = _embedder.Options.IntraOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        _session = new InferenceSession(Path.Combine(folder, "vision_model.onnx"), options);
        var preprocessor = _embedder.Preprocessor;
        _batch = new float[BatchSize * preprocessor.TensorLength];
        for (var i = 0; i < BatchSize; i++)
            preprocessor.Preprocess(File.ReadAllBytes(_paths[i]), _batch.AsSpan(i * preprocessor.TensorLength, preprocessor.TensorLength));
        _scratch = new float[PipelineImages * preprocessor.TensorLength];
        _shape = [BatchSize, 3, preprocessor.OutputHeight, preprocessor.OutputWidth];
        Console.WriteLine($"// embedding {Model}: {folder}, {_embedder.Dimension}-d, input {preprocessor.OutputWidth}×{preprocessor.OutputHeight}, " +
            $"{_embedder.Options.IntraOpThreads} ONNX Runtime threads, {_embedder.Options.PreprocessingParallelism} preprocessing threads, " +
            $"{PipelineImages} JPEG files of {EmbeddingBenchmarkImages.Size} px from {EmbeddingBenchmarkImages.Folder}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _embedder?.Dispose();
        _session?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public float RawInference()
    {
        using var input = OrtValue.CreateTensorValueFromMemory(_batch, _shape);
        using var runOptions = new RunOptions();
        using var outputs = _session!.Run(runOptions, ["pixel_values"], [input], [_session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    [Benchmark(OperationsPerInvoke = PipelineImages)]
    public async Task<int> FullPipeline()
    {
        var results = await _embedder!.EmbedImagesAsync(_paths.Select(ImageSource.FromFile).ToList());
        return results.Count(r => r.Succeeded);
    }

    [Benchmark(OperationsPerInvoke = PipelineImages)]
    public float PreprocessOnly()
    {
        var preprocessor = _embedder!.Preprocessor;
        var length = preprocessor.TensorLength;
        Parallel.For(0, _paths.Count, new ParallelOptions { MaxDegreeOfParallelism = _embedder.Options.PreprocessingParallelism },
            i => preprocessor.Preprocess(File.ReadAllBytes(_paths[i]), _scratch.AsSpan(i * length, length)));
        return _scratch[0];
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new ImagesPerSecondColumn(), new ShareOfPipelineColumn(nameof(FullPipeline)));
        }
    }
}
