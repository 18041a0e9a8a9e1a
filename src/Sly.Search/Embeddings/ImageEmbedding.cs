namespace Sly.Search.Embeddings;

/// <summary>The result for one input image: a unit-length vector, or why there is none.</summary>
/// <param name="Index">Position of the image in the input, from 0.</param>
/// <param name="Vector">The L2-normalised embedding, or null when the image failed.</param>
/// <param name="Error">Why the image failed (unreadable file, undecodable bytes), or null on success.</param>
public sealed record ImageEmbedding(int Index, float[]? Vector, string? Error)
{
    /// <summary>True when <see cref="Vector"/> holds an embedding.</summary>
    public bool Succeeded => Vector is not null;
}
