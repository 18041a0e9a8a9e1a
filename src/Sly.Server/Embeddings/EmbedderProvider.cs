using Sly.Search.Embeddings;

namespace Sly.Server.Embeddings;

/// <summary>
/// Creates the server's one embedder on first use: the model folder from the options, else SLY_CLIP_MODEL, else the
/// demo model shipped in the repository (models/demo-clip), found by walking up from the program's folder.
/// </summary>
public sealed class EmbedderProvider(string? configuredFolder, Func<string, IEmbedder> load) : IDisposable
{
    public const string ModelVariable = "SLY_CLIP_MODEL";
    private readonly Lazy<IEmbedder> _embedder = new(() => load(ResolveFolder(configuredFolder)));

    public IEmbedder Embedder => _embedder.Value;

    public static string ResolveFolder(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        if (Environment.GetEnvironmentVariable(ModelVariable) is { Length: > 0 } fromEnvironment)
            return Path.GetFullPath(fromEnvironment);
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "models", "demo-clip");
                if (File.Exists(Path.Combine(candidate, "vision_model.onnx")))
                    return candidate;
            }
        }
        throw new InvalidOperationException(
            $"No CLIP model configured: pass --model DIR, set {ModelVariable}, or run from the repository so models/demo-clip is found.");
    }

    public void Dispose()
    {
        if (_embedder.IsValueCreated)
            _embedder.Value.Dispose();
    }
}
