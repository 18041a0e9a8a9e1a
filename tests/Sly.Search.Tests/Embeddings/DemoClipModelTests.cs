using System.Text.Json;
using Sly.Search.DemoData;
using Sly.Search.Embeddings;
using Sly.Search.Tokenization;
using Sly.Testing;

namespace Sly.Search.Tests.Embeddings;

/// <summary>
/// The real demo model in models/demo-clip (trained by tools/demo-model on `sly demo-data` images), loaded through
/// the same code as any Hugging Face CLIP export.
/// </summary>
public sealed class DemoClipModelTests
{
    private static readonly Lazy<OnnxClipEmbedder> Embedder = new(() => OnnxClipEmbedder.Load(DemoModel.Folder()));

    private static OnnxClipEmbedder Model()
    {
        DemoModel.Folder();
        return Embedder.Value;
    }

    [Fact]
    public void The_demo_model_loads_with_its_name_and_dimension()
    {
        var embedder = Model();

        Assert.Equal("sly-demo-clip", embedder.ModelId);
        Assert.True(embedder.Dimension > 0);
        Assert.Equal(77, embedder.ContextLength);
    }

    [Fact]
    public void The_tokenizer_gives_the_ids_the_training_script_recorded()
    {
        var folder = DemoModel.Folder();
        var check = Path.Combine(Prerequisite.RepoRoot, "tools", "demo-model", "tokenizer_check.json");
        if (!File.Exists(check))
            Prerequisite.Missing($"{check} is absent (train.py writes it beside itself when it trains models/demo-clip)");
        using var document = JsonDocument.Parse(File.ReadAllBytes(check));
        var padId = document.RootElement.GetProperty("pad_id").GetInt32();
        var tokenizer = ClipTokenizer.FromVocabularyAndMerges(Path.Combine(folder, "vocab.json"), Path.Combine(folder, "merges.txt"), padId: padId);

        var cases = document.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var text = c.GetProperty("text").GetString()!;
            var expected = c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var tokens = tokenizer.Tokenize(text);
            Assert.True(expected.SequenceEqual(tokens.InputIds[..expected.Length]), $"\"{text}\": expected [{string.Join(", ", expected)}], got [{string.Join(", ", tokens.InputIds[..expected.Length])}]");
            Assert.All(tokens.InputIds[expected.Length..], id => Assert.Equal(padId, id));
        }
    }

    [Fact]
    public async Task Demo_images_get_unit_vectors_and_a_corrupt_one_gets_an_error()
    {
        var embedder = Model();
        var images = DemoImageSet.Generate(9, seed: 4242).Select(i => ImageSource.FromBytes(i.EncodePng())).ToList();
        images.Insert(4, ImageSource.FromBytes(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0 }));

        var results = await embedder.EmbedImagesAsync(images, TestContext.Current.CancellationToken);

        Assert.Equal(10, results.Count);
        Assert.False(results[4].Succeeded);
        Assert.All(results.Where((_, i) => i != 4), r =>
        {
            Assert.True(r.Succeeded, r.Error);
            Assert.Equal(embedder.Dimension, r.Vector!.Length);
            Assert.Equal(1.0, Math.Sqrt(r.Vector.Sum(v => (double)v * v)), 4);
        });
    }

    [Fact]
    public async Task Prompts_naming_a_part_find_that_part_well_above_chance()
    {
        var embedder = Model();
        // held-out images: a seed the training script does not use by default
        var demo = DemoImageSet.Generate(70, seed: 987654).ToList();
        var images = await embedder.EmbedImagesAsync(demo.Select(i => ImageSource.FromBytes(i.EncodePng())).ToList(), TestContext.Current.CancellationToken);
        var prompts = await embedder.EmbedTextsAsync(DemoCatalog.Parts.Select(p => $"a photo of a {p}").ToList(), TestContext.Current.CancellationToken);

        var correct = 0;
        for (var i = 0; i < demo.Count; i++)
        {
            var scores = prompts.Select(p => p.Zip(images[i].Vector!, (a, b) => a * b).Sum()).ToList();
            if (DemoCatalog.Parts[scores.IndexOf(scores.Max())] == demo[i].Label.Part)
                correct++;
        }

        // chance is 1 in 7; a model trained on this generator should name most parts
        Assert.True(correct >= demo.Count / 2, $"zero-shot part accuracy {correct}/{demo.Count}");
    }
}
