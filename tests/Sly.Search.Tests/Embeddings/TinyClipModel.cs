using System.Text.Json;
using Sly.Search.Tokenization;

namespace Sly.Search.Tests.Embeddings;

/// <summary>
/// A tiny but real CLIP-layout model folder for embedder tests: hand-written ONNX graphs run by ONNX Runtime.
/// The vision tower averages each channel and projects with a 3×4 matrix; the text tower projects the masked ids
/// with a 77×4 matrix. Simple enough to compute expected embeddings independently.
/// </summary>
internal static class TinyClipModel
{
    public const int Dimension = 4;
    public const int ImageSize = 8;
    public const int Context = 77;

    public static readonly float[] ImageProjection =
    [
        1.0f, 0.0f, 0.5f, 0.2f,
        0.0f, 1.0f, 0.5f, -0.3f,
        0.0f, 0.0f, 1.0f, 0.9f,
    ];

    public static float[] TextProjection { get; } = Enumerable.Range(0, Context * Dimension)
        .Select(i => (float)Math.Cos(0.37 * (i / Dimension) * (i % Dimension + 1)) + (i % Dimension == 0 ? 0.5f : 0f))
        .ToArray();

    public enum Layout { Separate, Combined }

    /// <summary>Writes the model folder.</summary>
    /// <param name="imageOutput">Name of the vision output ("image_embeds", or something else to test the first-output fallback).</param>
    /// <param name="textMask">Whether the text model declares attention_mask.</param>
    /// <param name="fixedImageSize">A fixed pixel_values height/width in the graph (null: symbolic).</param>
    public static void Write(string folder, Layout layout = Layout.Separate, string imageOutput = "image_embeds", bool textMask = true,
        int? fixedImageSize = null, string? name = "tiny-clip")
    {
        Directory.CreateDirectory(folder);
        long size = fixedImageSize ?? -1;
        if (layout == Layout.Separate)
        {
            var vision = new OnnxModelWriter().Input("pixel_values", OnnxModelWriter.Float, -1, 3, size, size);
            AddVision(vision, imageOutput);
            vision.Output(imageOutput, OnnxModelWriter.Float, -1, Dimension).Save(Path.Combine(folder, "vision_model.onnx"));
            var text = new OnnxModelWriter().Input("input_ids", OnnxModelWriter.Int64, -1, Context);
            if (textMask)
                text.Input("attention_mask", OnnxModelWriter.Int64, -1, Context);
            AddText(text, textMask);
            text.Output("text_embeds", OnnxModelWriter.Float, -1, Dimension).Save(Path.Combine(folder, "text_model.onnx"));
        }
        else
        {
            var model = new OnnxModelWriter()
                .Input("input_ids", OnnxModelWriter.Int64, -1, Context)
                .Input("pixel_values", OnnxModelWriter.Float, -1, 3, size, size)
                .Input("attention_mask", OnnxModelWriter.Int64, -1, Context);
            AddVision(model, "image_embeds");
            AddText(model, mask: true);
            model.Output("text_embeds", OnnxModelWriter.Float, -1, Dimension)
                .Output("image_embeds", OnnxModelWriter.Float, -1, Dimension)
                .Save(Path.Combine(folder, "model.onnx"));
        }
        WriteTokenizer(folder);
        File.WriteAllText(Path.Combine(folder, "preprocessor_config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["do_resize"] = true,
            ["size"] = new Dictionary<string, int> { ["shortest_edge"] = ImageSize },
            ["resample"] = 3,
            ["do_center_crop"] = true,
            ["crop_size"] = new Dictionary<string, int> { ["height"] = ImageSize, ["width"] = ImageSize },
            ["do_rescale"] = true,
            ["rescale_factor"] = 1 / 255.0,
            ["do_normalize"] = true,
            ["image_mean"] = new[] { 0.48145466, 0.4578275, 0.40821073 },
            ["image_std"] = new[] { 0.26862954, 0.26130258, 0.27577711 },
        }));
        if (name is not null)
            File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(new { model_type = "clip", name }));
    }

    /// <summary>Embedding of one preprocessed CHW image, computed without ONNX Runtime.</summary>
    public static float[] ExpectedImageEmbedding(float[] chw)
    {
        var plane = chw.Length / 3;
        var means = Enumerable.Range(0, 3).Select(c => chw.Skip(c * plane).Take(plane).Select(v => (double)v).Average()).ToArray();
        var v = new double[Dimension];
        for (var k = 0; k < Dimension; k++)
            for (var c = 0; c < 3; c++)
                v[k] += means[c] * ImageProjection[c * Dimension + k];
        return Unit(v);
    }

    /// <summary>Embedding of one tokenized text, computed without ONNX Runtime.</summary>
    public static float[] ExpectedTextEmbedding(ClipTokens tokens)
    {
        var v = new double[Dimension];
        for (var j = 0; j < Context; j++)
            for (var k = 0; k < Dimension; k++)
                v[k] += tokens.InputIds[j] * tokens.AttentionMask[j] * (double)TextProjection[j * Dimension + k];
        return Unit(v);
    }

    private static float[] Unit(double[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => (float)(x / norm)).ToArray();
    }

    private static void AddVision(OnnxModelWriter model, string output) => model
        .FloatInitializer("image_projection", [3, Dimension], ImageProjection)
        .Node("ReduceMean", ["pixel_values"], ["pooled"], ("axes", new long[] { 2, 3 }), ("keepdims", 0))
        .Node("MatMul", ["pooled", "image_projection"], [output]);

    private static void AddText(OnnxModelWriter model, bool mask)
    {
        model.FloatInitializer("text_projection", [Context, Dimension], TextProjection)
            .Node("Cast", ["input_ids"], ["ids_float"], ("to", OnnxModelWriter.Float));
        if (mask)
        {
            model.Node("Cast", ["attention_mask"], ["mask_float"], ("to", OnnxModelWriter.Float))
                .Node("Mul", ["ids_float", "mask_float"], ["masked"])
                .Node("MatMul", ["masked", "text_projection"], ["text_embeds"]);
        }
        else
            model.Node("MatMul", ["ids_float", "text_projection"], ["text_embeds"]);
    }

    /// <summary>A byte-level vocabulary in CLIP's layout with two merges ("ca", "cat&lt;/w&gt;") and the special tokens last.</summary>
    private static void WriteTokenizer(string folder)
    {
        var alphabet = ClipTokenizer.ByteLevelAlphabet();
        var vocabulary = new Dictionary<string, int>();
        foreach (var s in alphabet) vocabulary[s] = vocabulary.Count;
        foreach (var s in alphabet) vocabulary[s + "</w>"] = vocabulary.Count;
        vocabulary["ca"] = vocabulary.Count;
        vocabulary["cat</w>"] = vocabulary.Count;
        vocabulary["<|startoftext|>"] = vocabulary.Count;
        vocabulary["<|endoftext|>"] = vocabulary.Count;
        File.WriteAllText(Path.Combine(folder, "vocab.json"), JsonSerializer.Serialize(vocabulary));
        File.WriteAllLines(Path.Combine(folder, "merges.txt"), ["#version: 0.2", "c a", "ca t</w>"]);
    }
}
