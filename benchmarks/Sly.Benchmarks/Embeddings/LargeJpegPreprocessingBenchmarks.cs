using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SkiaSharp;
using Sly.Search.DemoData;
using Sly.Search.Embeddings;

namespace Sly.Benchmarks.Embeddings;

/// <summary>
/// Preprocessing one 12-megapixel camera-sized JPEG (4000 × 3000, quality 90) for a 224 px CLIP, on one thread:
/// exact (full-size decode, as Pillow) against <see cref="OnnxClipEmbedderOptions.JpegReducingGap"/> = 3 (libjpeg
/// decodes at 1/4 size, 1000 × 750, then the same Pillow-exact resize). Compare with ViT-B/32 inference at
/// ≈ 19 ms per image on two cores (<see cref="EmbeddingThroughputBenchmarks"/>).
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class LargeJpegPreprocessingBenchmarks
{
    private byte[] _jpeg = [];
    private float[] _tensor = [];
    private ClipImagePreprocessor _exact = null!;
    private ClipImagePreprocessor _reduced = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(BenchmarkFiles.RepoRoot, "artifacts", "bench-data", "photo-4000x3000.jpg");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var scene = DemoImageSet.Get(0, seed: 3).Render(4000);
            using var photo = new SKBitmap();
            scene.ExtractSubset(photo, SKRectI.Create(0, 500, 4000, 3000));
            using var data = photo.Encode(SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(path, data.ToArray());
        }
        _jpeg = File.ReadAllBytes(path);
        _exact = new ClipImagePreprocessor(ClipPreprocessorConfig.Clip(224));
        _reduced = new ClipImagePreprocessor(ClipPreprocessorConfig.Clip(224), jpegReducingGap: 3);
        _tensor = new float[_exact.TensorLength];
    }

    [Benchmark(Baseline = true)]
    public float Exact()
    {
        _exact.Preprocess(_jpeg, _tensor);
        return _tensor[0];
    }

    [Benchmark]
    public float ReducingGap3()
    {
        _reduced.Preprocess(_jpeg, _tensor);
        return _tensor[0];
    }
}
