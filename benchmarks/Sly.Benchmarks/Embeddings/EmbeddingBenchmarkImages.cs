using SkiaSharp;
using Sly.Search.DemoData;

namespace Sly.Benchmarks.Embeddings;

/// <summary>
/// The images the embedding benchmarks and their PyTorch peer (benchmarks/peers/embed_torch.py) both read: demo-set
/// renderings (seed 3) saved once as 512 × 512 JPEG files, quality 90, in git-ignored <c>artifacts/bench-data/embed-images/</c>
/// — photo-like files that have to be decoded and downsampled, as a real dataset's would.
/// </summary>
public static class EmbeddingBenchmarkImages
{
    public const int Count = 256;
    public const int Size = 512;
    private const long Seed = 3;

    public static string Folder => Path.Combine(BenchmarkFiles.RepoRoot, "artifacts", "bench-data", "embed-images");

    /// <summary>The image files in a fixed order, writing them first when absent.</summary>
    public static IReadOnlyList<string> Paths()
    {
        var paths = Enumerable.Range(0, Count).Select(i => Path.Combine(Folder, $"{i:D4}.jpg")).ToArray();
        if (paths.All(File.Exists))
            return paths;
        Directory.CreateDirectory(Folder);
        Parallel.For(0, Count, i =>
        {
            using var bitmap = DemoImageSet.Get(i, Seed, Size).Render();
            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90)
                ?? throw new InvalidOperationException($"Skia could not encode image {i} as JPEG");
            var temporary = paths[i] + ".tmp";
            File.WriteAllBytes(temporary, data.ToArray());
            File.Move(temporary, paths[i], overwrite: true);
        });
        return paths;
    }
}
