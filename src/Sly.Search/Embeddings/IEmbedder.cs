namespace Sly.Search.Embeddings;

/// <summary>
/// Maps images and texts into one vector space where cosine similarity means relatedness (a CLIP-style dual encoder).
/// All vectors are L2-normalised, so a dot product is the cosine similarity.
/// </summary>
public interface IEmbedder : IDisposable
{
    /// <summary>Identifies the model (e.g. "sly-demo-clip"); vectors from different models are not comparable.</summary>
    string ModelId { get; }

    /// <summary>Length of every vector.</summary>
    int Dimension { get; }

    /// <summary>
    /// Embeds images in batches; the result has one entry per input, in input order. An image that cannot be read
    /// or decoded gets an entry with an <see cref="ImageEmbedding.Error"/>; the others are still embedded.
    /// </summary>
    Task<IReadOnlyList<ImageEmbedding>> EmbedImagesAsync(IReadOnlyList<ImageSource> images, CancellationToken cancellationToken = default);

    /// <summary>
    /// Embeds a stream of images of any length, yielding results in input order as batches finish. Only a few
    /// batches are held in memory at a time, so it suits sets far larger than memory.
    /// </summary>
    IAsyncEnumerable<ImageEmbedding> EmbedImageStreamAsync(IAsyncEnumerable<ImageSource> images, CancellationToken cancellationToken = default);

    /// <summary>Embeds texts (prompts, captions); one unit vector per text, in input order.</summary>
    Task<IReadOnlyList<float[]>> EmbedTextsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
