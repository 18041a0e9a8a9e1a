using SkiaSharp;
using Sly.Search.Embeddings;

namespace Sly.Server.Tests;

/// <summary>
/// A real, tiny embedder whose geometry is known by construction, for testing search semantics exactly: an image
/// becomes its mean RGB colour (unit length), the words "red", "green", "blue" (and mixes like "red green") become the
/// matching axes. Undecodable bytes fail per image, as with the CLIP embedder.
/// </summary>
internal sealed class MeanColorEmbedder : IEmbedder
{
    public string ModelId => "mean-color";

    public int Dimension => 3;

    public Task<IReadOnlyList<ImageEmbedding>> EmbedImagesAsync(IReadOnlyList<ImageSource> images, CancellationToken cancellationToken = default)
    {
        var results = new List<ImageEmbedding>();
        for (var i = 0; i < images.Count; i++)
        {
            using var codec = SKCodec.Create(new MemoryStream(images[i].ReadEncoded().ToArray()));
            using var bitmap = codec is null ? null : SKBitmap.Decode(codec);
            if (bitmap is null)
            {
                results.Add(new ImageEmbedding(i, null, "not an image"));
                continue;
            }
            double r = 0, g = 0, b = 0;
            foreach (var pixel in bitmap.Pixels)
            {
                r += pixel.Red;
                g += pixel.Green;
                b += pixel.Blue;
            }
            results.Add(new ImageEmbedding(i, Normalise([(float)r, (float)g, (float)b]), null));
        }
        return Task.FromResult<IReadOnlyList<ImageEmbedding>>(results);
    }

    public async IAsyncEnumerable<ImageEmbedding> EmbedImageStreamAsync(IAsyncEnumerable<ImageSource> images, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var index = 0;
        await foreach (var image in images.WithCancellation(cancellationToken))
        {
            var one = (await EmbedImagesAsync([image], cancellationToken))[0];
            yield return one with { Index = index++ };
        }
    }

    public Task<IReadOnlyList<float[]>> EmbedTextsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<float[]>>(texts.Select(t => Normalise([
            t.Contains("red", StringComparison.OrdinalIgnoreCase) ? 1f : 0.01f,
            t.Contains("green", StringComparison.OrdinalIgnoreCase) ? 1f : 0.01f,
            t.Contains("blue", StringComparison.OrdinalIgnoreCase) ? 1f : 0.01f])).ToList());

    public void Dispose()
    {
    }

    private static float[] Normalise(float[] v)
    {
        var length = MathF.Sqrt(v.Sum(x => x * x));
        return length == 0 ? [1, 0, 0] : v.Select(x => x / length).ToArray();
    }
}
