using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sly.Search.Tokenization;

namespace Sly.Search.Embeddings;

/// <summary>
/// A CLIP dual encoder run with ONNX Runtime, loaded from a folder in the common Hugging Face CLIP ONNX layout:
/// <c>vision_model.onnx</c> (<c>pixel_values</c> → <c>image_embeds</c>) and <c>text_model.onnx</c>
/// (<c>input_ids</c>[, <c>attention_mask</c>] → <c>text_embeds</c>), or one <c>model.onnx</c> holding both towers;
/// <c>vocab.json</c> + <c>merges.txt</c>; <c>preprocessor_config.json</c>.
/// Images are preprocessed exactly as CLIP's Pillow pipeline; outputs are L2-normalised.
/// </summary>
/// <remarks>
/// Image embedding is a two-stage pipeline: a producer decodes and resizes the next batch on several threads while
/// the current batch runs through ONNX Runtime, and at most <see cref="OnnxClipEmbedderOptions.PrefetchBatches"/>
/// prepared batches wait in a bounded channel. Instances are safe to use from several threads.
/// </remarks>
public sealed class OnnxClipEmbedder : IEmbedder
{
    private const string PixelValues = "pixel_values";
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";

    private readonly InferenceSession _vision;
    private readonly InferenceSession _text;
    private readonly bool _combined;
    private readonly string _visionFile;
    private readonly string _textFile;
    private readonly string _imageOutput;
    private readonly string _textOutput;
    private readonly bool _textTakesMask;
    private readonly TensorElementType _idsType;
    private readonly TensorElementType _maskType;
    private readonly PinnedBufferPool _buffers;
    private bool _disposed;

    private OnnxClipEmbedder(ClipModelFolder folder, OnnxClipEmbedderOptions options, ClipImagePreprocessor preprocessor,
        InferenceSession vision, InferenceSession text)
    {
        ModelDirectory = folder.Directory;
        ModelId = folder.ModelId;
        Options = options;
        Preprocessor = preprocessor;
        _vision = vision;
        _text = text;
        _combined = ReferenceEquals(vision, text);
        _visionFile = folder.CombinedModel ?? folder.VisionModel!;
        _textFile = folder.CombinedModel ?? folder.TextModel!;

        if (_combined)
        {
            Require(vision, _visionFile, inputs: [InputIds, PixelValues], outputs: ["image_embeds", "text_embeds"]);
            _imageOutput = "image_embeds";
            _textOutput = "text_embeds";
        }
        else
        {
            Require(vision, _visionFile, inputs: [PixelValues], outputs: []);
            Require(text, _textFile, inputs: [InputIds], outputs: []);
            _imageOutput = vision.OutputNames.Contains("image_embeds") ? "image_embeds" : vision.OutputNames[0];
            _textOutput = text.OutputNames.Contains("text_embeds") ? "text_embeds" : text.OutputNames[0];
        }
        var allowed = _combined ? new[] { InputIds, PixelValues, AttentionMask } : [InputIds, AttentionMask];
        var unknown = text.InputNames.Where(n => !allowed.Contains(n)).ToList();
        if (unknown.Count > 0)
            throw new InvalidDataException($"{_textFile} needs inputs this loader cannot provide: {string.Join(", ", unknown)} (supported: {string.Join(", ", allowed)})");
        if (!_combined && vision.InputNames.Count != 1)
            throw new InvalidDataException($"{_visionFile} needs inputs {string.Join(", ", vision.InputNames)}; expected only {PixelValues}");

        var pixels = vision.InputMetadata[PixelValues];
        if (pixels.ElementDataType != TensorElementType.Float)
            throw new InvalidDataException($"{_visionFile}: {PixelValues} is {pixels.ElementDataType}; only float32 is supported");
        var dims = pixels.Dimensions;
        if (dims.Length != 4 || (dims[1] > 0 && dims[1] != 3))
            throw new InvalidDataException($"{_visionFile}: {PixelValues} has shape [{string.Join(", ", dims)}]; expected [batch, 3, height, width]");
        if ((dims[2] > 0 && dims[2] != preprocessor.OutputHeight) || (dims[3] > 0 && dims[3] != preprocessor.OutputWidth))
            throw new InvalidDataException(
                $"{_visionFile} takes {dims[2]}×{dims[3]} images but preprocessor_config.json crops to {preprocessor.OutputHeight}×{preprocessor.OutputWidth}");

        var ids = text.InputMetadata[InputIds];
        _idsType = ids.ElementDataType;
        if (_idsType is not (TensorElementType.Int64 or TensorElementType.Int32))
            throw new InvalidDataException($"{_textFile}: {InputIds} is {_idsType}; expected int64 or int32");
        _textTakesMask = text.InputMetadata.TryGetValue(AttentionMask, out var mask);
        _maskType = mask?.ElementDataType ?? TensorElementType.Int64;
        if (_textTakesMask && _maskType is not (TensorElementType.Int64 or TensorElementType.Int32))
            throw new InvalidDataException($"{_textFile}: {AttentionMask} is {_maskType}; expected int64 or int32");
        ContextLength = ids.Dimensions.Length == 2 && ids.Dimensions[1] > 0 ? ids.Dimensions[1] : ClipTokenizer.DefaultContextLength;

        CheckEmbeddingOutput(vision, _imageOutput, _visionFile);
        CheckEmbeddingOutput(text, _textOutput, _textFile);
        var imageDim = vision.OutputMetadata[_imageOutput].Dimensions[^1];
        var textDim = text.OutputMetadata[_textOutput].Dimensions[^1];
        if (imageDim > 0 && textDim > 0 && imageDim != textDim)
            throw new InvalidDataException($"{_visionFile} gives {imageDim}-dimensional embeddings but {_textFile} gives {textDim}; the towers must share one space");

        Tokenizer = folder.Vocabulary is not null
            ? ClipTokenizer.FromVocabularyAndMerges(folder.Vocabulary, folder.Merges!, ContextLength, options.TextPadId)
            : ClipTokenizer.FromClipBpeFile(folder.ClipBpe!, ContextLength, options.TextPadId);
        Dimension = imageDim > 0 ? imageDim : textDim > 0 ? textDim : RunText([""]).Length;
        // one batch being inferred, the prefetched ones, one being prepared
        _buffers = new PinnedBufferPool(options.ImageBatchSize * preprocessor.TensorLength, options.PrefetchBatches + 2);
    }

    /// <summary>The folder the model was loaded from (absolute).</summary>
    public string ModelDirectory { get; }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Tokens per text (77 for CLIP, or what the text model's input declares).</summary>
    public int ContextLength { get; }

    /// <summary>The tokenizer built from the folder's vocabulary.</summary>
    public ClipTokenizer Tokenizer { get; }

    /// <summary>The image preprocessing read from preprocessor_config.json.</summary>
    public ClipImagePreprocessor Preprocessor { get; }

    /// <summary>The options in use.</summary>
    public OnnxClipEmbedderOptions Options { get; }

    /// <summary>Loads a CLIP model folder. Missing or malformed files give an exception that names the file and what was expected.</summary>
    /// <param name="modelDirectory">Folder with vision_model.onnx + text_model.onnx (or model.onnx), vocab.json + merges.txt and preprocessor_config.json.</param>
    /// <param name="options">Batching and threading; defaults when null.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A required file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed or the models' inputs and outputs are not CLIP's.</exception>
    public static OnnxClipEmbedder Load(string modelDirectory, OnnxClipEmbedderOptions? options = null)
    {
        options ??= new OnnxClipEmbedderOptions();
        options.Validate();
        var folder = ClipModelFolder.Locate(modelDirectory);
        var config = ClipPreprocessorConfig.Load(folder.PreprocessorConfig);
        ClipImagePreprocessor preprocessor;
        try
        {
            preprocessor = new ClipImagePreprocessor(config, options.JpegReducingGap);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{folder.PreprocessorConfig}: {e.Message}", e);
        }

        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", options.IntraOpSpinning ? "1" : "0");
        InferenceSession? vision = null, text = null;
        try
        {
            if (folder.CombinedModel is not null)
                vision = text = OpenSession(folder.CombinedModel, sessionOptions);
            else
            {
                vision = OpenSession(folder.VisionModel!, sessionOptions);
                text = OpenSession(folder.TextModel!, sessionOptions);
            }
            return new OnnxClipEmbedder(folder, options, preprocessor, vision, text);
        }
        catch
        {
            vision?.Dispose();
            if (!ReferenceEquals(vision, text))
                text?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ImageEmbedding>> EmbedImagesAsync(IReadOnlyList<ImageSource> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var results = new List<ImageEmbedding>(images.Count);
        await foreach (var result in EmbedImageStreamAsync(ToAsync(images), cancellationToken).ConfigureAwait(false))
            results.Add(result);
        return results;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ImageEmbedding> EmbedImageStreamAsync(IAsyncEnumerable<ImageSource> images,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var channel = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(Options.PrefetchBatches)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(images, channel.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                ImageEmbedding[] results;
                try
                {
                    results = Infer(batch);
                }
                finally
                {
                    _buffers.Return(batch.Pixels);
                }
                foreach (var result in results)
                    yield return result;
            }
            await producer.ConfigureAwait(false);
        }
        finally
        {
            // the consumer stopped early or failed: stop the producer and hand its buffers back
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            while (channel.Reader.TryRead(out var leftover))
                _buffers.Return(leftover.Pixels);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<float[]>> EmbedTextsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
                throw new ArgumentException($"texts[{i}] is null; every text must be a string (it may be empty)", nameof(texts));
        }
        return Task.Run<IReadOnlyList<float[]>>(() =>
        {
            var vectors = new List<float[]>(texts.Count);
            for (var start = 0; start < texts.Count; start += Options.TextBatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = texts.Skip(start).Take(Options.TextBatchSize).ToList();
                var flat = RunText(chunk);
                for (var i = 0; i < chunk.Count; i++)
                {
                    var vector = flat.AsSpan(i * Dimension, Dimension).ToArray();
                    if (!Normalize(vector))
                        throw new InvalidOperationException($"{_textFile} returned a zero or non-finite embedding for texts[{start + i}] \"{chunk[i]}\"");
                    vectors.Add(vector);
                }
            }
            return vectors;
        }, cancellationToken);
    }

    /// <summary>Releases the ONNX Runtime sessions.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _vision.Dispose();
        if (!_combined)
            _text.Dispose();
    }

    private async Task ProduceAsync(IAsyncEnumerable<ImageSource> images, ChannelWriter<PreparedBatch> writer, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            var pending = new List<ImageSource?>(Options.ImageBatchSize);
            var start = 0;
            await foreach (var image in images.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                pending.Add(image);
                if (pending.Count < Options.ImageBatchSize)
                    continue;
                await writer.WriteAsync(Prepare(pending, start, cancellationToken), cancellationToken).ConfigureAwait(false);
                start += pending.Count;
                pending = new List<ImageSource?>(Options.ImageBatchSize);
            }
            if (pending.Count > 0)
                await writer.WriteAsync(Prepare(pending, start, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }

    /// <summary>Reads, decodes and preprocesses a batch in parallel; rows of images that succeeded are packed first.</summary>
    private PreparedBatch Prepare(List<ImageSource?> images, int start, CancellationToken cancellationToken)
    {
        var length = Preprocessor.TensorLength;
        var pixels = _buffers.Rent();
        var buffer = pixels.Memory;
        var errors = new string?[images.Count];
        Parallel.For(0, images.Count, new ParallelOptions { MaxDegreeOfParallelism = Options.PreprocessingParallelism, CancellationToken = cancellationToken }, i =>
        {
            var image = images[i];
            try
            {
                if (image is null)
                    throw new ImageDecodeException("the image source is null");
                var encoded = image.ReadEncoded();
                Preprocessor.Preprocess(encoded.Span, buffer.Span.Slice(i * length, length));
            }
            catch (ImageDecodeException e)
            {
                errors[i] = image?.Path is { } path && !e.Message.StartsWith(path, StringComparison.Ordinal) ? $"{path}: {e.Message}" : e.Message;
            }
        });
        var rows = new List<int>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            if (errors[i] is not null)
                continue;
            if (rows.Count != i)
                buffer.Span.Slice(i * length, length).CopyTo(buffer.Span.Slice(rows.Count * length, length));
            rows.Add(i);
        }
        return new PreparedBatch(start, images.Count, pixels, rows, errors);
    }

    private ImageEmbedding[] Infer(PreparedBatch batch)
    {
        var results = new ImageEmbedding[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch.Errors[i] is { } error)
                results[i] = new ImageEmbedding(batch.Start + i, null, error);
        }
        if (batch.Rows.Count == 0)
            return results;
        var flat = RunVision(batch.Pixels, batch.Rows.Count);
        for (var r = 0; r < batch.Rows.Count; r++)
        {
            var i = batch.Rows[r];
            var vector = flat.AsSpan(r * Dimension, Dimension).ToArray();
            results[i] = Normalize(vector)
                ? new ImageEmbedding(batch.Start + i, vector, null)
                : new ImageEmbedding(batch.Start + i, null, $"{_visionFile} returned a zero or non-finite embedding");
        }
        return results;
    }

    private float[] RunVision(PinnedBufferPool.PinnedBuffer pixels, int count)
    {
        var length = Preprocessor.TensorLength;
        using var runOptions = new RunOptions();
        using var pixelValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, pixels.Memory[..(count * length)],
            [count, 3, Preprocessor.OutputHeight, Preprocessor.OutputWidth]);
        var names = new List<string> { PixelValues };
        var values = new List<OrtValue> { pixelValue };
        var extras = new List<OrtValue>();
        try
        {
            if (_combined)
            {
                // the combined graph wants a text too: one empty prompt, whose output is not requested
                var (ids, mask) = Tokenizer.TokenizeBatch([""]);
                AddTextInputs(names, values, extras, ids, mask, 1);
            }
            using var outputs = _vision.Run(runOptions, names, values, [_imageOutput]);
            return ReadEmbeddings(outputs[0], count, _visionFile, _imageOutput);
        }
        finally
        {
            foreach (var extra in extras)
                extra.Dispose();
        }
    }

    private float[] RunText(IReadOnlyList<string> texts)
    {
        var (ids, mask) = Tokenizer.TokenizeBatch(texts);
        using var runOptions = new RunOptions();
        var names = new List<string>();
        var values = new List<OrtValue>();
        var owned = new List<OrtValue>();
        try
        {
            AddTextInputs(names, values, owned, ids, mask, texts.Count);
            if (_combined)
            {
                var blank = new float[Preprocessor.TensorLength];
                var pixelValue = OrtValue.CreateTensorValueFromMemory(blank, [1, 3, Preprocessor.OutputHeight, Preprocessor.OutputWidth]);
                owned.Add(pixelValue);
                names.Add(PixelValues);
                values.Add(pixelValue);
            }
            using var outputs = _text.Run(runOptions, names, values, [_textOutput]);
            return ReadEmbeddings(outputs[0], texts.Count, _textFile, _textOutput);
        }
        finally
        {
            foreach (var value in owned)
                value.Dispose();
        }
    }

    private void AddTextInputs(List<string> names, List<OrtValue> values, List<OrtValue> owned, long[] ids, long[] mask, int count)
    {
        long[] shape = [count, ContextLength];
        var idsValue = _idsType == TensorElementType.Int32
            ? OrtValue.CreateTensorValueFromMemory(ids.Select(v => (int)v).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(ids, shape);
        owned.Add(idsValue);
        names.Add(InputIds);
        values.Add(idsValue);
        if (!_textTakesMask)
            return;
        var maskValue = _maskType == TensorElementType.Int32
            ? OrtValue.CreateTensorValueFromMemory(mask.Select(v => (int)v).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(mask, shape);
        owned.Add(maskValue);
        names.Add(AttentionMask);
        values.Add(maskValue);
    }

    private float[] ReadEmbeddings(OrtValue output, int count, string file, string name)
    {
        var shape = output.GetTensorTypeAndShape().Shape;
        if (shape.Length != 2 || shape[0] != count || (Dimension > 0 && shape[1] != Dimension))
            throw new InvalidDataException($"{file}: output {name} has shape [{string.Join(", ", shape)}]; expected [{count}, {(Dimension > 0 ? Dimension : "dimension")}]");
        return output.GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Scales to unit length; false when the vector is zero or not finite.</summary>
    private static bool Normalize(float[] vector)
    {
        var norm = TensorPrimitives.Norm<float>(vector);
        if (!(norm > 0) || !float.IsFinite(norm))
            return false;
        TensorPrimitives.Divide(vector, norm, vector);
        return true;
    }

    private static InferenceSession OpenSession(string path, SessionOptions options)
    {
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{path} is not a loadable ONNX model: {e.Message}", e);
        }
    }

    private static void Require(InferenceSession session, string file, string[] inputs, string[] outputs)
    {
        var missingInputs = inputs.Where(n => !session.InputNames.Contains(n)).ToList();
        var missingOutputs = outputs.Where(n => !session.OutputNames.Contains(n)).ToList();
        if (missingInputs.Count == 0 && missingOutputs.Count == 0)
            return;
        throw new InvalidDataException(
            $"{file} lacks {string.Join(" and ", new[] { missingInputs.Count > 0 ? "input " + string.Join(", ", missingInputs) : null, missingOutputs.Count > 0 ? "output " + string.Join(", ", missingOutputs) : null }.Where(s => s is not null))}; " +
            $"it has inputs [{string.Join(", ", session.InputNames)}] and outputs [{string.Join(", ", session.OutputNames)}]");
    }

    private static void CheckEmbeddingOutput(InferenceSession session, string name, string file)
    {
        var metadata = session.OutputMetadata[name];
        if (metadata.ElementDataType != TensorElementType.Float || metadata.Dimensions.Length != 2)
            throw new InvalidDataException(
                $"{file}: output {name} is {metadata.ElementDataType} [{string.Join(", ", metadata.Dimensions)}]; expected float32 [batch, dimension] embeddings");
    }

    private static async IAsyncEnumerable<ImageSource> ToAsync(IReadOnlyList<ImageSource> images)
    {
        foreach (var image in images)
            yield return image;
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private sealed record PreparedBatch(int Start, int Count, PinnedBufferPool.PinnedBuffer Pixels, List<int> Rows, string?[] Errors);
}
