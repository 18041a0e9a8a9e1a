using SkiaSharp;
using Sly.Search.DemoData;
using Sly.Search.Embeddings;

namespace Sly.Search.Tests.Embeddings;

/// <summary>Reduced-size JPEG decoding: only when asked, only for JPEG, never below the gap, close to the exact tensor.</summary>
public sealed class JpegReducingGapTests
{
    private static readonly ClipPreprocessorConfig Clip224 = ClipPreprocessorConfig.Clip(224);

    [Fact]
    public void A_large_jpeg_decodes_at_the_smallest_scale_that_keeps_the_gap()
    {
        var jpeg = Photo(2400, 1800, SKEncodedImageFormat.Jpeg);

        using var full = ImageDecoder.Decode(jpeg);
        using var half = ImageDecoder.Decode(jpeg, minShortSide: 3 * 224);   // 1/4 would leave 450 < 672
        using var eighth = ImageDecoder.Decode(jpeg, minShortSide: 200);

        Assert.Equal((2400, 1800), (full.Width, full.Height));
        Assert.Equal((1200, 900), (half.Width, half.Height));
        Assert.Equal((300, 225), (eighth.Width, eighth.Height));
    }

    [Fact]
    public void With_a_gap_of_3_the_tensor_stays_close_to_the_exact_one()
    {
        var jpeg = Photo(2400, 1800, SKEncodedImageFormat.Jpeg);

        var exact = new ClipImagePreprocessor(Clip224).Preprocess(jpeg);
        var reduced = new ClipImagePreprocessor(Clip224, jpegReducingGap: 3).Preprocess(jpeg);

        var meanDifference = exact.Zip(reduced, (a, b) => Math.Abs(a - b)).Average();
        Assert.NotEqual(exact, reduced); // it did decode differently
        Assert.True(meanDifference < 0.02, $"mean |Δ| {meanDifference:F4} in normalised units (one 8-bit step ≈ 0.015)");
    }

    [Fact]
    public void Other_formats_and_small_jpegs_are_decoded_exactly_whatever_the_gap()
    {
        var png = Photo(1200, 900, SKEncodedImageFormat.Png);
        var smallJpeg = Photo(600, 450, SKEncodedImageFormat.Jpeg);
        var reducing = new ClipImagePreprocessor(Clip224, jpegReducingGap: 1.5);
        var exact = new ClipImagePreprocessor(Clip224);

        Assert.Equal(exact.Preprocess(png), reducing.Preprocess(png));
        Assert.Equal(exact.Preprocess(smallJpeg), reducing.Preprocess(smallJpeg)); // half would be 225 < 1.5 × 224
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_gap_below_1_or_not_finite_is_refused_with_its_name(double gap)
    {
        Assert.Throws<ArgumentOutOfRangeException>("jpegReducingGap", () => new ClipImagePreprocessor(Clip224, gap));
        Assert.Throws<ArgumentOutOfRangeException>("JpegReducingGap",
            () => OnnxClipEmbedder.Load(Path.Combine(Sly.Testing.Prerequisite.RepoRoot, "models", "demo-clip"), new OnnxClipEmbedderOptions { JpegReducingGap = gap }));
    }

    private static byte[] Photo(int width, int height, SKEncodedImageFormat format)
    {
        using var scene = DemoImageSet.Get(5, seed: 11).Render(Math.Max(width, height));
        using var photo = new SKBitmap();
        Assert.True(scene.ExtractSubset(photo, SKRectI.Create((scene.Width - width) / 2, (scene.Height - height) / 2, width, height)));
        using var data = photo.Encode(format, 92);
        return data.ToArray();
    }
}
