using System.Text.Json;

namespace Sly.Search.Embeddings;

/// <summary>
/// Finds the files of a CLIP model folder in the common Hugging Face ONNX layout: <c>vision_model.onnx</c> and
/// <c>text_model.onnx</c> (or one combined <c>model.onnx</c>), at the top or in an <c>onnx/</c> subfolder;
/// <c>vocab.json</c> + <c>merges.txt</c> (or CLIP's <c>bpe_simple_vocab_16e6.txt.gz</c>); <c>preprocessor_config.json</c>.
/// </summary>
internal sealed record ClipModelFolder(
    string Directory,
    string? VisionModel,
    string? TextModel,
    string? CombinedModel,
    string? Vocabulary,
    string? Merges,
    string? ClipBpe,
    string PreprocessorConfig,
    string ModelId)
{
    public const string Layout = "vision_model.onnx + text_model.onnx (or a combined model.onnx), vocab.json + merges.txt, preprocessor_config.json";

    public static ClipModelFolder Locate(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var root = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(root))
            throw new DirectoryNotFoundException($"model folder {root} does not exist (expected {Layout})");

        string? Find(string name)
        {
            foreach (var candidate in new[] { Path.Combine(root, name), Path.Combine(root, "onnx", name) })
            {
                if (File.Exists(candidate))
                    return candidate;
            }
            return null;
        }

        var vision = Find("vision_model.onnx");
        var text = Find("text_model.onnx");
        var combined = Find("model.onnx");
        if (vision is null || text is null)
        {
            if (combined is null)
            {
                var missing = (vision, text) switch
                {
                    (null, null) => "vision_model.onnx and text_model.onnx",
                    (null, _) => "vision_model.onnx",
                    _ => "text_model.onnx",
                };
                throw new FileNotFoundException(
                    $"model folder {root} has no {missing} (nor a combined model.onnx); expected the Hugging Face CLIP ONNX layout: {Layout}",
                    Path.Combine(root, vision is null ? "vision_model.onnx" : "text_model.onnx"));
            }
            vision = text = null;
        }
        else
            combined = null;

        var vocabulary = Find("vocab.json");
        var merges = Find("merges.txt");
        var clipBpe = Find("bpe_simple_vocab_16e6.txt.gz");
        if ((vocabulary is null || merges is null) && clipBpe is null)
        {
            var missing = vocabulary is null ? "vocab.json" : "merges.txt";
            throw new FileNotFoundException(
                $"model folder {root} has no {missing}; the tokenizer needs vocab.json and merges.txt (or CLIP's bpe_simple_vocab_16e6.txt.gz)",
                Path.Combine(root, missing));
        }
        if (vocabulary is not null && merges is not null)
            clipBpe = null;

        var preprocessor = Find("preprocessor_config.json")
            ?? throw new FileNotFoundException(
                $"model folder {root} has no preprocessor_config.json (expected Hugging Face CLIPImageProcessor settings: size, crop_size, image_mean, image_std, resample)",
                Path.Combine(root, "preprocessor_config.json"));

        return new ClipModelFolder(root, vision, text, combined, vocabulary, merges, clipBpe, preprocessor, ReadModelId(root));
    }

    /// <summary>The model's name from model_card.json or config.json ("model_id", "id", "name", "_name_or_path"), else the folder name.</summary>
    private static string ReadModelId(string root)
    {
        foreach (var file in new[] { "model_card.json", "config.json" })
        {
            var path = Path.Combine(root, file);
            if (!File.Exists(path))
                continue;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    continue;
                foreach (var key in new[] { "model_id", "id", "name", "_name_or_path" })
                {
                    if (document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
                        return value.GetString()!.Trim();
                }
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
            }
        }
        return Path.GetFileName(root.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
    }
}
