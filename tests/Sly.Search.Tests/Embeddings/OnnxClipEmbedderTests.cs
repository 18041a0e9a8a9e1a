using System.Runtime.CompilerServices;
using SkiaSharp;
using Sly.Search.Embeddings;

namespace Sly.Search.Tests.Embeddings;

/// <summary>The embedder against real ONNX Runtime sessions over hand-written tiny CLIP-layout models.</summary>
public sealed class OnnxClipEmbedderTests
{
    private static readonly OnnxClipEmbedderOptions Small = new() { ImageBatchSize = 3, TextBatchSize = 2, PreprocessingParallelism = 2, IntraOpThreads = 1 };

    private static byte[] SolidPng(byte r, byte g, byte b, int width = 12, int height = 10) =>
        TestImages.Png(width, height, (x, y) => new SKColor((byte)(r ^ (x & 1)), g, (byte)(b ^ (y & 3))));

    [Fact]
    public async Task Image_embeddings_are_unit_vectors_equal_to_an_independent_computation_in_input_order()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        using var embedder = OnnxClipEmbedder.Load(folder.Path, Small);
        var images = Enumerable.Range(0, 8).Select(i => SolidPng((byte)(i * 30), (byte)(250 - i * 25), (byte)(i * i * 3))).ToList();

        var results = await embedder.EmbedImagesAsync(images.Select(b => ImageSource.FromBytes(b)).ToList(), TestContext.Current.CancellationToken);

        Assert.Equal(8, results.Count);
        for (var i = 0; i < images.Count; i++)
        {
            Assert.Equal(i, results[i].Index);
            Assert.True(results[i].Succeeded, results[i].Error);
            var expected = TinyClipModel.ExpectedImageEmbedding(embedder.Preprocessor.Preprocess(images[i]));
            AssertClose(expected, results[i].Vector!);
            Assert.Equal(1.0, Math.Sqrt(results[i].Vector!.Sum(v => (double)v * v)), 5);
        }
    }

    [Fact]
    public async Task A_corrupt_image_gets_an_error_while_the_rest_of_its_batch_succeeds()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        using var embedder = OnnxClipEmbedder.Load(folder.Path, Small);
        var missing = Path.Combine(folder.Path, "no-such-image.png");
        var good = SolidPng(10, 200, 30);
        ImageSource[] inputs = [good, new byte[] { 1, 2, 3, 4 }, SolidPng(200, 10, 30), ImageSource.FromFile(missing), good[..(good.Length / 2)], SolidPng(90, 90, 200)];

        var results = await embedder.EmbedImagesAsync(inputs, TestContext.Current.CancellationToken);

        Assert.Equal([true, false, true, false, false, true], results.Select(r => r.Succeeded));
        Assert.Contains("not a recognised image", results[1].Error);
        Assert.Contains(missing, results[3].Error);
        Assert.Contains("truncated", results[4].Error);
        Assert.Equal(results[0].Vector, (await embedder.EmbedImagesAsync([good], TestContext.Current.CancellationToken))[0].Vector);
        AssertClose(TinyClipModel.ExpectedImageEmbedding(embedder.Preprocessor.Preprocess(SolidPng(200, 10, 30))), results[2].Vector!);
    }

    [Fact]
    public async Task The_same_image_gets_bit_identical_vectors_whatever_its_batch_and_position()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        using var embedder = OnnxClipEmbedder.Load(folder.Path, Small);
        var image = SolidPng(17, 99, 201);
        ImageSource[] mixed = [image, SolidPng(1, 1, 1), SolidPng(2, 2, 2), SolidPng(3, 3, 3), image, image, SolidPng(4, 4, 4)];

        var alone = await embedder.EmbedImagesAsync([image], TestContext.Current.CancellationToken);
        var inBatches = await embedder.EmbedImagesAsync(mixed, TestContext.Current.CancellationToken);

        Assert.All(new[] { 0, 4, 5 }, i => Assert.Equal(alone[0].Vector, inBatches[i].Vector));
    }

    [Fact]
    public async Task Files_are_read_when_embedded()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        using var embedder = OnnxClipEmbedder.Load(folder.Path, Small);
        var path = Path.Combine(folder.Path, "image.png");
        await File.WriteAllBytesAsync(path, SolidPng(1, 2, 3), TestContext.Current.CancellationToken);

        var fromFile = await embedder.EmbedImagesAsync([ImageSource.FromFile(path)], TestContext.Current.CancellationToken);
        var fromBytes = await embedder.EmbedImagesAsync([SolidPng(1, 2, 3)], TestContext.Current.CancellationToken);

        Assert.Equal(fromBytes[0].Vector, fromFile[0].Vector);
    }

    [Fact]
    public async Task Streaming_keeps_order_and_reads_only_a_few_batches_ahead()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        var options = Small with { ImageBatchSize = 4, PrefetchBatches = 1 };
        using var embedder = OnnxClipEmbedder.Load(folder.Path, options);
        var pulled = 0;
        var pulledAtFirstResult = -1;
        var indices = new List<int>();

        await foreach (var result in embedder.EmbedImageStreamAsync(Images(200), TestContext.Current.CancellationToken))
        {
            if (pulledAtFirstResult < 0)
                pulledAtFirstResult = Volatile.Read(ref pulled);
            Assert.True(result.Succeeded, result.Error);
            indices.Add(result.Index);
        }

        Assert.Equal(Enumerable.Range(0, 200), indices);
        // one batch inferred, one waiting in the channel, one being prepared, one being collected
        Assert.InRange(pulledAtFirstResult, 4, 4 * 4);

        async IAsyncEnumerable<ImageSource> Images(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Increment(ref pulled);
                await Task.Yield();
                yield return SolidPng((byte)i, (byte)(i * 7), (byte)(255 - i), 8, 8);
            }
        }
    }

    [Fact]
    public async Task Stopping_a_stream_early_stops_reading_the_input()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        using var embedder = OnnxClipEmbedder.Load(folder.Path, Small with { ImageBatchSize = 2 });
        var pulled = 0;

        await foreach (var result in embedder.EmbedImageStreamAsync(Endless(), TestContext.Current.CancellationToken))
        {
            if (result.Index == 5)
                break;
        }

        Assert.InRange(Volatile.Read(ref pulled), 6, 20);

        async IAsyncEnumerable<ImageSource> Endless([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; ; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Interlocked.Increment(ref pulled);
                await Task.Yield();
                yield return SolidPng((byte)i, 0, 0, 8, 8);
            }
        }
    }

    [Fact]
    public async Task Text_embeddings_are_unit_vectors_equal_to_an_independent_computation()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        using var embedder = OnnxClipEmbedder.Load(folder.Path, Small);
        string[] texts = ["a cat", "A CAT!", "", "concatenate cats", "a rusty bolt on a conveyor"];

        var vectors = await embedder.EmbedTextsAsync(texts, TestContext.Current.CancellationToken);

        Assert.Equal(texts.Length, vectors.Count);
        for (var i = 0; i < texts.Length; i++)
            AssertClose(TinyClipModel.ExpectedTextEmbedding(embedder.Tokenizer.Tokenize(texts[i])), vectors[i]);
        // the merges apply: "cat" is one token
        Assert.Equal(["a</w>", "cat</w>"], embedder.Tokenizer.EncodeToTokens("a cat"));
    }

    [Fact]
    public async Task A_combined_model_gives_the_same_vectors_as_separate_towers()
    {
        using var separate = new TemporaryFolder();
        using var combined = new TemporaryFolder();
        TinyClipModel.Write(separate.Path);
        TinyClipModel.Write(combined.Path, TinyClipModel.Layout.Combined);
        using var a = OnnxClipEmbedder.Load(separate.Path, Small);
        using var b = OnnxClipEmbedder.Load(combined.Path, Small);
        ImageSource[] images = [SolidPng(1, 2, 3), SolidPng(200, 100, 0)];

        var imagesA = await a.EmbedImagesAsync(images, TestContext.Current.CancellationToken);
        var imagesB = await b.EmbedImagesAsync(images, TestContext.Current.CancellationToken);
        var textsA = await a.EmbedTextsAsync(["a cat", "bolt"], TestContext.Current.CancellationToken);
        var textsB = await b.EmbedTextsAsync(["a cat", "bolt"], TestContext.Current.CancellationToken);

        for (var i = 0; i < 2; i++)
        {
            AssertClose(imagesA[i].Vector!, imagesB[i].Vector!);
            AssertClose(textsA[i], textsB[i]);
        }
        Assert.Equal(TinyClipModel.Dimension, b.Dimension);
    }

    [Fact]
    public async Task Without_image_embeds_the_first_output_is_used_and_attention_mask_is_optional()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path, imageOutput: "pooled_output", textMask: false);
        using var embedder = OnnxClipEmbedder.Load(folder.Path, Small);

        var image = await embedder.EmbedImagesAsync([SolidPng(5, 6, 7)], TestContext.Current.CancellationToken);
        var text = await embedder.EmbedTextsAsync(["a cat"], TestContext.Current.CancellationToken);

        AssertClose(TinyClipModel.ExpectedImageEmbedding(embedder.Preprocessor.Preprocess(SolidPng(5, 6, 7))), image[0].Vector!);
        // without a mask the padding (0) contributes nothing either, so the vector is the same
        AssertClose(TinyClipModel.ExpectedTextEmbedding(embedder.Tokenizer.Tokenize("a cat")), text[0]);
    }

    [Fact]
    public void Model_id_comes_from_config_json_or_else_the_folder_name()
    {
        using var folder = new TemporaryFolder();
        var named = Path.Combine(folder.Path, "named");
        var unnamed = Path.Combine(folder.Path, "my-model");
        TinyClipModel.Write(named, name: "tiny-clip-v1");
        TinyClipModel.Write(unnamed, name: null);

        using var a = OnnxClipEmbedder.Load(named, Small);
        using var b = OnnxClipEmbedder.Load(unnamed, Small);

        Assert.Equal("tiny-clip-v1", a.ModelId);
        Assert.Equal("my-model", b.ModelId);
        Assert.Equal(4, a.Dimension);
        Assert.Equal(77, a.ContextLength);
    }

    [Theory]
    [InlineData("vision_model.onnx")]
    [InlineData("text_model.onnx")]
    [InlineData("vocab.json")]
    [InlineData("merges.txt")]
    [InlineData("preprocessor_config.json")]
    public void A_missing_file_is_named_in_the_error(string file)
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        File.Delete(Path.Combine(folder.Path, file));

        var e = Assert.Throws<FileNotFoundException>(() => OnnxClipEmbedder.Load(folder.Path, Small));

        Assert.Contains(file, e.Message);
        Assert.Contains(folder.Path, e.Message);
    }

    [Fact]
    public void A_missing_folder_is_named_in_the_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "sly-no-such-model-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<DirectoryNotFoundException>(() => OnnxClipEmbedder.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("vision_model.onnx", e.Message);
    }

    [Theory]
    [InlineData("vision_model.onnx", "not an onnx model", "not a loadable ONNX model")]
    [InlineData("preprocessor_config.json", "{ not json", "not valid JSON")]
    [InlineData("preprocessor_config.json", """{"image_mean": [0.5, 0.5]}""", "image_mean")]
    [InlineData("preprocessor_config.json", """{"crop_size": "big"}""", "crop_size")]
    [InlineData("preprocessor_config.json", """{"resample": 0}""", "resample")]
    [InlineData("vocab.json", "[]", "token")]
    public void A_malformed_file_is_named_with_what_was_expected(string file, string content, string expected)
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        var path = Path.Combine(folder.Path, file);
        File.WriteAllText(path, content);

        var e = Assert.Throws<InvalidDataException>(() => OnnxClipEmbedder.Load(folder.Path, Small));

        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_vision_model_whose_fixed_size_disagrees_with_the_preprocessor_is_rejected()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path, fixedImageSize: 16);

        var e = Assert.Throws<InvalidDataException>(() => OnnxClipEmbedder.Load(folder.Path, Small));

        Assert.Contains("16×16", e.Message);
        Assert.Contains("preprocessor_config.json", e.Message);
    }

    [Fact]
    public void A_model_without_clip_inputs_is_rejected_with_what_it_has()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        new OnnxModelWriter()
            .Input("images", OnnxModelWriter.Float, -1, 3, 8, 8)
            .Node("ReduceMean", ["images"], ["out"], ("axes", new long[] { 2, 3 }), ("keepdims", 0))
            .Output("out", OnnxModelWriter.Float, -1, 3)
            .Save(Path.Combine(folder.Path, "vision_model.onnx"));

        var e = Assert.Throws<InvalidDataException>(() => OnnxClipEmbedder.Load(folder.Path, Small));

        Assert.Contains("pixel_values", e.Message);
        Assert.Contains("images", e.Message);
    }

    [Fact]
    public void Options_out_of_range_name_the_option()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OnnxClipEmbedder.Load(folder.Path, new OnnxClipEmbedderOptions { ImageBatchSize = 0 }));

        Assert.Equal("ImageBatchSize", e.ParamName);
    }

    [Fact]
    public async Task A_null_text_is_rejected_with_its_index()
    {
        using var folder = new TemporaryFolder();
        TinyClipModel.Write(folder.Path);
        using var embedder = OnnxClipEmbedder.Load(folder.Path, Small);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => embedder.EmbedTextsAsync(["ok", null!], TestContext.Current.CancellationToken));

        Assert.Contains("texts[1]", e.Message);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.InRange(actual[i], expected[i] - 1e-4f, expected[i] + 1e-4f);
    }
}
