using System.Globalization;
using System.Runtime.CompilerServices;
using Sly.Benchmarks.Search;
using Sly.Search.Embeddings;

namespace Sly.Benchmarks.Server;

/// <summary>
/// Stands in for CLIP so the server holds the synthetic benchmark vectors: an <see cref="IndexedBitmap"/> image
/// becomes row i of <see cref="SearchBenchmarkData"/>, the prompt "query q" becomes benchmark query q. It costs
/// next to nothing, so a search request measures the server, not a text encoder.
/// </summary>
public sealed class BenchmarkRowEmbedder(float[] rows, float[] queries) : IEmbedder
{
    public const string PromptPrefix = "query ";

    public string ModelId => "sly-benchmark-rows";

    public int Dimension => SearchBenchmarkData.Dimension;

    public static string Prompt(int query) => PromptPrefix + query.ToString(CultureInfo.InvariantCulture);

    public Task<IReadOnlyList<ImageEmbedding>> EmbedImagesAsync(IReadOnlyList<ImageSource> images, CancellationToken cancellationToken = default)
    {
        var results = new ImageEmbedding[images.Count];
        for (var i = 0; i < images.Count; i++)
            results[i] = Embed(i, images[i]);
        return Task.FromResult<IReadOnlyList<ImageEmbedding>>(results);
    }

    public async IAsyncEnumerable<ImageEmbedding> EmbedImageStreamAsync(IAsyncEnumerable<ImageSource> images, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var index = 0;
        await foreach (var image in images.WithCancellation(cancellationToken))
            yield return Embed(index++, image);
    }

    public Task<IReadOnlyList<float[]>> EmbedTextsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<float[]>>(texts.Select(QueryOf).ToList());

    public void Dispose()
    {
    }

    private ImageEmbedding Embed(int position, ImageSource image)
    {
        var row = IndexedBitmap.Decode(image.ReadEncoded().Span);
        if (row is not { } r || (long)(r + 1) * Dimension > rows.Length)
            return new ImageEmbedding(position, null, $"{image} is not an indexed benchmark image");
        return new ImageEmbedding(position, rows.AsSpan(r * Dimension, Dimension).ToArray(), null);
    }

    private float[] QueryOf(string text)
    {
        if (!text.StartsWith(PromptPrefix, StringComparison.Ordinal)
            || !int.TryParse(text.AsSpan(PromptPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var q)
            || (long)(q + 1) * Dimension > queries.Length)
            throw new ArgumentException($"The benchmark embedder knows the prompts '{PromptPrefix}0' … '{PromptPrefix}{queries.Length / Dimension - 1}', not '{text}'", nameof(text));
        return queries.AsSpan(q * Dimension, Dimension).ToArray();
    }
}
