using System.Diagnostics;
using System.Runtime.CompilerServices;
using Sly.Search.Embeddings;

namespace Sly.Benchmarks.Embeddings;

/// <summary>
/// Peak memory while embedding many images:
/// <c>dotnet run -c Release --project benchmarks/Sly.Benchmarks -- embed-memory [--model demo|vit-b32|DIR] [--images 10000] [--batch 32]</c>.
/// The images are the benchmark's 256 JPEG files read again and again as separate files (memory use does not depend
/// on their content); the vectors are kept, as a caller storing them would. Target (issue 3): peak resident memory
/// ≤ 1.5 GB for 10,000 images — the pipeline streams batches and never holds all images.
/// </summary>
public static class EmbeddingMemoryRun
{
    public const string Summary = "peak memory while embedding N images (default 10,000) with the demo or ViT-B/32 model";

    public static int Run(string[] args)
    {
        var options = CommandOptions.Parse(args, "model", "images", "batch");
        var model = options.Text("model", EmbeddingBenchmarkModels.Demo);
        var count = options.Integer("images", 10_000, min: 1);
        var batch = options.Integer("batch", 32, min: 1);
        var paths = EmbeddingBenchmarkImages.Paths();
        var baseline = Process.GetCurrentProcess().WorkingSet64;

        using var embedder = OnnxClipEmbedder.Load(EmbeddingBenchmarkModels.Folder(model), new OnnxClipEmbedderOptions { ImageBatchSize = batch });
        var loaded = Process.GetCurrentProcess().WorkingSet64;
        var vectors = new float[(long)count * embedder.Dimension];
        var clock = Stopwatch.StartNew();
        var done = 0;
        var failed = 0;
        var task = Task.Run(async () =>
        {
            await foreach (var result in embedder.EmbedImageStreamAsync(Files(paths, count)))
            {
                if (result.Vector is { } vector)
                    vector.CopyTo(vectors.AsSpan(result.Index * embedder.Dimension));
                else
                    failed++;
                if (++done % 1000 == 0)
                    Console.WriteLine($"  {done:N0} images, {done / clock.Elapsed.TotalSeconds:F1} img/s, resident {Megabytes(Process.GetCurrentProcess().WorkingSet64)}");
            }
        });
        task.GetAwaiter().GetResult();
        clock.Stop();

        using var self = Process.GetCurrentProcess();
        var peak = self.PeakWorkingSet64;
        Console.WriteLine($"embed-memory {model}: {done:N0} images ({failed} failed) of {EmbeddingBenchmarkImages.Size} px JPEG, batch {batch}, " +
            $"{clock.Elapsed.TotalSeconds:F1} s = {done / clock.Elapsed.TotalSeconds:F1} img/s");
        Console.WriteLine($"  resident: {Megabytes(baseline)} at start, {Megabytes(loaded)} with the model loaded, peak {Megabytes(peak)} " +
            $"(target ≤ 1,536 MB: {(peak <= 1536L << 20 ? "met" : "missed")}); vectors kept: {Megabytes(vectors.LongLength * sizeof(float))}");
        return failed == 0 ? 0 : 1;
    }

    private static async IAsyncEnumerable<ImageSource> Files(IReadOnlyList<string> paths, int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ImageSource.FromFile(paths[i % paths.Count]);
        }
        await Task.CompletedTask;
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):N0} MB";
}
