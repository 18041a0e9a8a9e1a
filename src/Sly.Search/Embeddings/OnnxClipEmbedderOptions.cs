namespace Sly.Search.Embeddings;

/// <summary>Tuning for <see cref="OnnxClipEmbedder"/>. The defaults suit a CPU-only machine.</summary>
public sealed record OnnxClipEmbedderOptions
{
    /// <summary>Images per inference call (1–4096). Larger batches amortise overhead; memory grows linearly.</summary>
    public int ImageBatchSize { get; init; } = 32;

    /// <summary>Texts per inference call (1–4096).</summary>
    public int TextBatchSize { get; init; } = 64;

    /// <summary>How many batches may be preprocessed ahead of the one being inferred (1 or more).</summary>
    public int PrefetchBatches { get; init; } = 1;

    /// <summary>Threads decoding and resizing images of a batch (1 or more); the next batch is prepared while the current one runs.</summary>
    public int PreprocessingParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>ONNX Runtime intra-op threads (1 or more).</summary>
    public int IntraOpThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Whether ONNX Runtime's intra-op threads spin while waiting for work (its default). Off by default here: in the
    /// image pipeline, preprocessing shares the cores with inference, and spinning threads would take its time.
    /// </summary>
    public bool IntraOpSpinning { get; init; }

    /// <summary>
    /// Null (default): images are decoded at full size, so tensors match CLIP's Pillow preprocessing byte for byte. A
    /// value such as 3: large JPEG files (camera photos) are decoded at 1/2, 1/4 or 1/8 size while their shorter side
    /// stays at least this many times the resize target — several times faster, with embeddings very close to the
    /// exact ones. See <see cref="ClipImagePreprocessor(ClipPreprocessorConfig, double?)"/>.
    /// </summary>
    public double? JpegReducingGap { get; init; }

    /// <summary>Id written into padding positions of input_ids: 0 like open_clip and OpenAI's CLIP.</summary>
    public int TextPadId { get; init; }

    internal void Validate()
    {
        Check(ImageBatchSize, 1, 4096, nameof(ImageBatchSize));
        Check(TextBatchSize, 1, 4096, nameof(TextBatchSize));
        Check(PrefetchBatches, 1, 64, nameof(PrefetchBatches));
        Check(PreprocessingParallelism, 1, 1024, nameof(PreprocessingParallelism));
        Check(IntraOpThreads, 1, 1024, nameof(IntraOpThreads));
        if (!ClipImagePreprocessor.IsValidJpegReducingGap(JpegReducingGap))
            throw new ArgumentOutOfRangeException(nameof(JpegReducingGap), JpegReducingGap, "must be null (exact decoding) or a finite number ≥ 1");
        if (TextPadId < 0)
            throw new ArgumentOutOfRangeException(nameof(TextPadId), TextPadId, "must be 0 or a vocabulary id");
    }

    private static void Check(int value, int min, int max, string name)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"must be {min}–{max}");
    }
}
