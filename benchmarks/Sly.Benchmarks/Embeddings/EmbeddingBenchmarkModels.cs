namespace Sly.Benchmarks.Embeddings;

/// <summary>
/// The models the embedding benchmarks run: the committed demo model, and a ViT-B/32-shaped CLIP with random weights
/// that the training script exports on demand (not committed: 600 MB) so the cost of a real CLIP is known.
/// </summary>
public static class EmbeddingBenchmarkModels
{
    public const string Demo = "demo";
    public const string VitB32 = "vit-b32";

    public static string VitB32Folder => Path.Combine(BenchmarkFiles.RepoRoot, "artifacts", "models", "vit-b32-random");

    public static string ExportVitB32Command =>
        $"/usr/bin/python3 tools/demo-model/train.py --export-vitb32 {Path.GetRelativePath(BenchmarkFiles.RepoRoot, VitB32Folder)}";

    /// <summary>The folder of <paramref name="name"/> ("demo", "vit-b32" or a model folder path).</summary>
    /// <exception cref="ArgumentException">The name is unknown, or the ViT-B/32 export has not been made.</exception>
    public static string Folder(string name)
    {
        var folder = name switch
        {
            Demo => Path.Combine(BenchmarkFiles.RepoRoot, "models", "demo-clip"),
            VitB32 => VitB32Folder,
            _ => Path.GetFullPath(name),
        };
        if (File.Exists(Path.Combine(folder, "vision_model.onnx")))
            return folder;
        if (name == VitB32)
            throw new ArgumentException($"The ViT-B/32-shaped model is not exported yet; run from the repository root: {ExportVitB32Command}", nameof(name));
        throw new ArgumentException($"model must be \"{Demo}\", \"{VitB32}\" or a CLIP model folder; {folder} has no vision_model.onnx", nameof(name));
    }
}
