using SkiaSharp;
using Sly.Search.Embeddings;

namespace Sly.Search.Tests.Embeddings;

public sealed class ClipImagePreprocessorTests
{
    private static readonly float[] Mean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] Std = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>Hugging Face's arithmetic: rescale in float64, cast to float32, normalise in float32.</summary>
    private static float Normalised(int channel, int value) => ((float)(value * (1 / 255.0)) - Mean[channel]) / Std[channel];

    private static ClipImagePreprocessor Preprocessor(int shortestEdge, int crop) =>
        new(ClipPreprocessorConfig.Clip(shortestEdge) with { CropHeight = crop, CropWidth = crop });

    [Fact]
    public void Clips_normalisation_maps_black_and_white_to_the_published_extremes()
    {
        var black = Preprocessor(2, 2).Preprocess(TestImages.Png(2, 2, (_, _) => SKColors.Black));
        var white = Preprocessor(2, 2).Preprocess(TestImages.Png(2, 2, (_, _) => SKColors.White));

        Assert.Equal(-1.7922626, black[0], 5);
        Assert.Equal(-1.7520971, black[4], 5);
        Assert.Equal(-1.4802198, black[8], 5);
        Assert.Equal(1.9303361, white[0], 5);
        Assert.Equal(2.0748837, white[4], 5);
        Assert.Equal(2.1458969, white[8], 5);
    }

    [Fact]
    public void Centre_crop_and_normalisation_give_hand_computed_chw_values()
    {
        // 6×4: the short side is already 4, so no resampling; the 2×2 crop starts at left (6-2)//2 = 2, top (4-2)//2 = 1
        static SKColor Pixel(int x, int y) => new((byte)(x * 40), (byte)(y * 60), (byte)(200 - x * 10 - y * 5));
        var png = TestImages.Png(6, 4, Pixel);

        var tensor = Preprocessor(4, 2).Preprocess(png);

        Assert.Equal(3 * 2 * 2, tensor.Length);
        var expected = new float[12];
        for (var c = 0; c < 3; c++)
            for (var y = 0; y < 2; y++)
                for (var x = 0; x < 2; x++)
                {
                    var p = Pixel(x + 2, y + 1);
                    var v = c == 0 ? p.Red : c == 1 ? p.Green : p.Blue;
                    expected[c * 4 + y * 2 + x] = Normalised(c, v);
                }
        Assert.Equal(expected, tensor);
        // spot check one value by hand: channel R at crop (0,0) is source x=2 → 80; (80/255 - 0.48145466) / 0.26862954
        Assert.Equal(-0.6244, tensor[0], 4);
    }

    [Theory]
    [InlineData(300, 200, 150, 100)]
    [InlineData(200, 300, 100, 150)]
    [InlineData(301, 200, 150, 100)] // the long side is truncated like Hugging Face: int(100 * 301 / 200)
    [InlineData(100, 100, 100, 100)]
    [InlineData(50, 40, 125, 100)] // small images are enlarged
    public void The_shorter_side_is_resized_to_the_configured_size(int width, int height, int expectedWidth, int expectedHeight)
    {
        Assert.Equal((expectedWidth, expectedHeight), Preprocessor(100, 100).ResizedSize(width, height));
    }

    [Fact]
    public void A_wide_image_is_resized_then_cropped_in_the_middle()
    {
        // thirds red | green | blue over 300×200 → 150×100, crop 100×100 from x = 25: crop x 0–24 is red, 25–74 green, 75–99 blue
        var png = TestImages.Png(300, 200, (x, _) => x < 100 ? new SKColor(255, 0, 0) : x < 200 ? new SKColor(0, 255, 0) : new SKColor(0, 0, 255));

        var tensor = Preprocessor(100, 100).Preprocess(png);

        Assert.Equal(Rgb(255, 0, 0), PixelAt(tensor, 100, x: 10, y: 50));
        Assert.Equal(Rgb(0, 255, 0), PixelAt(tensor, 100, x: 50, y: 50));
        Assert.Equal(Rgb(0, 0, 255), PixelAt(tensor, 100, x: 90, y: 50));
        // the borders fall exactly where the geometry says (within the resampling filter's reach)
        Assert.Equal(Rgb(255, 0, 0), PixelAt(tensor, 100, x: 22, y: 0));
        Assert.Equal(Rgb(0, 255, 0), PixelAt(tensor, 100, x: 28, y: 99));
    }

    [Fact]
    public void A_tall_image_is_cropped_vertically_in_the_middle()
    {
        var png = TestImages.Png(200, 300, (_, y) => y < 100 ? new SKColor(255, 0, 0) : y < 200 ? new SKColor(0, 255, 0) : new SKColor(0, 0, 255));

        var tensor = Preprocessor(100, 100).Preprocess(png);

        Assert.Equal(Rgb(255, 0, 0), PixelAt(tensor, 100, x: 50, y: 10));
        Assert.Equal(Rgb(0, 255, 0), PixelAt(tensor, 100, x: 50, y: 50));
        Assert.Equal(Rgb(0, 0, 255), PixelAt(tensor, 100, x: 50, y: 90));
    }

    [Fact]
    public void A_uniform_colour_stays_exactly_that_colour_through_the_resize()
    {
        var png = TestImages.Png(37, 23, (_, _) => new SKColor(123, 45, 210));

        var tensor = Preprocessor(16, 16).Preprocess(png);

        Assert.All(tensor[..256], v => Assert.Equal(Normalised(0, 123), v));
        Assert.All(tensor[256..512], v => Assert.Equal(Normalised(1, 45), v));
        Assert.All(tensor[512..], v => Assert.Equal(Normalised(2, 210), v));
    }

    /// <summary>
    /// Reference bytes from Pillow 9.4.0: <c>Image.fromarray(img).resize((5, 4), Image.BICUBIC)</c> and <c>((16, 11), ...)</c>
    /// for the 13×9 image below, dumped as HWC RGB hex.
    /// </summary>
    private const string PillowDown = "1503ed450dd17726b4a94d97db7e7b2409d15413b5862c98ba537bd5845f3411b3641b9796347ad05b5d9e8c4143179773217ba53a5edb6141589225";

    private const string PillowUp =
        "0000ff0d01f91d02ef2d05e63c0add4b10d45b17cb6a1fc27a29ba8934b19941a8a84e9fb75d96c76e8dd78083e5917c0402f61203ef2204e53207dc" +
        "410cd35012ca6019c16f21b87f2bb08e36a79e439ead5095bc5f8ccc7083dc8279ea93720a05eb1806e42807da380ad1470fc85615bf661cb67524ad" +
        "852ea594399ca44693b3538ac26281d27378e2856ef096671007e01e08d92e09cf3e0cc64d11bd5c17b46c1eab7b26a28b309a9a3b91aa4888b9557f" +
        "c86476d7756dea8763ff985c150ad6230bcf330cc5430fbc5214b3611aaa7121a18029989033909f3e87af4b7ebe5875cd676cdf7863e48a59d99b52" +
        "1b0ccb290dc4390eba4911b15816a8671c9f772396862b8d963585a5407cb54d73c45a6ad36961f27a58b18c4e009d47210ec02f0fb93f10af4f13a6" +
        "5e189d6d1e947d258b8c2d829c377aab4271bb4f68ca5c5fd96b56f87c4db68e43009f3c2611b63412af4413a554169c631b9372218a822881913078" +
        "a13a70b04567c0525ecf5f55dd6e4cff7f43cb913901a2322c13ab3a14a44a159a5a1891691d8878237f882a7697326da73c65b6475cc65453d5614a" +
        "ed7041c881386b932e0ca4273216a040179950188f601b866f207d7e26748e2d6b9d3562ad3f5abc4a51cc5748db643ffe73367b842d00962319a71c" +
        "37189645198f551a85651d7c74227383286a932f61a23758b24150c14c47d1593ee06635ff752c8986230098191da912";

    [Theory]
    [InlineData(5, 4, PillowDown)]
    [InlineData(16, 11, PillowUp)]
    public void Bicubic_resize_matches_pillow_byte_for_byte(int width, int height, string pillowHex)
    {
        var png = TestImages.Png(13, 9, (x, y) => new SKColor((byte)((x * 19 + y * 7) % 256), (byte)((x * x + 3 * y) % 256), (byte)(((255 - x * 11 - y * 13) % 256 + 256) % 256)));
        var config = new ClipPreprocessorConfig
        {
            ShortestEdge = null, ResizeHeight = height, ResizeWidth = width, DoCenterCrop = false, DoRescale = false, DoNormalize = false,
        };

        var tensor = new ClipImagePreprocessor(config).Preprocess(png);

        var expected = Convert.FromHexString(pillowHex);
        var plane = width * height;
        var actual = new byte[expected.Length];
        for (var i = 0; i < plane; i++)
            for (var c = 0; c < 3; c++)
                actual[i * 3 + c] = (byte)tensor[c * plane + i];
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(ResampleFilter.Bicubic)]
    [InlineData(ResampleFilter.Bilinear)]
    [InlineData(ResampleFilter.Lanczos)]
    [InlineData(ResampleFilter.Box)]
    [InlineData(ResampleFilter.Hamming)]
    public void The_simd_and_scalar_resamplers_give_the_same_bytes(ResampleFilter filter)
    {
        var random = new Random((int)filter);
        var png = TestImages.Png(97, 61, (_, _) => new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var image = ImageDecoder.Decode(png);
        var sizes = new[] { (23, 17), (150, 80), (97, 30), (40, 61) }; // down, up, one axis each

        foreach (var (width, height) in sizes)
        {
            var vector = Resample(image, width, height, filter, vectors: true);
            var scalar = Resample(image, width, height, filter, vectors: false);
            Assert.True(vector.AsSpan().SequenceEqual(scalar), $"{filter} 97×61 → {width}×{height}");
        }
    }

    private static byte[] Resample(RgbaImage image, int width, int height, ResampleFilter filter, bool vectors)
    {
        var saved = PillowResampler.UseVectors;
        PillowResampler.UseVectors = vectors && System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated;
        try
        {
            using var resized = PillowResampler.Resize(image, width, height, filter);
            return resized.Pixels.ToArray();
        }
        finally
        {
            PillowResampler.UseVectors = saved;
        }
    }

    [Fact]
    public void Bicubic_downscaling_widens_the_kernel_like_pillow()
    {
        // a horizontal ramp 12×6 → shortest side 3 → 6×3; each output pixel averages 8 source columns with Pillow's
        // bicubic (a = -0.5) stretched by the reduction factor 2, weights normalised to sum 1
        var png = TestImages.Png(12, 6, (x, _) => new SKColor((byte)(x * 20), (byte)(x * x), (byte)(255 - x * 7)));
        var preprocessor = new ClipImagePreprocessor(ClipPreprocessorConfig.Clip(3) with { CropHeight = 3, CropWidth = 6 });

        var tensor = preprocessor.Preprocess(png);

        for (var xx = 0; xx < 6; xx++)
        {
            var expectedRed = PillowReference(12, 6, xx, x => x * 20);
            var expectedGreen = PillowReference(12, 6, xx, x => x * x);
            var actual = PixelAt(tensor, 3, 6, xx, 1);
            Assert.InRange(actual.R, expectedRed - 1, expectedRed + 1);
            Assert.InRange(actual.G, expectedGreen - 1, expectedGreen + 1);
        }
    }

    [Fact]
    public void Bicubic_upscaling_uses_the_plain_kernel_like_pillow()
    {
        var png = TestImages.Png(4, 4, (x, _) => new SKColor((byte)(x * 60 + 10), 0, 0));
        var preprocessor = Preprocessor(8, 8);

        var tensor = preprocessor.Preprocess(png);

        for (var xx = 0; xx < 8; xx++)
        {
            var expected = PillowReference(4, 8, xx, x => x * 60 + 10);
            Assert.InRange(PixelAt(tensor, 8, xx, 3).R, expected - 1, expected + 1);
        }
    }

    [Fact]
    public void Alpha_is_dropped_without_compositing_like_pil_convert_rgb()
    {
        // fully and half transparent pixels keep their stored colour (PIL's convert("RGB")), not blended with black or white
        var png = TestImages.Png(2, 2, (x, y) => (x + y) % 2 == 0 ? new SKColor(200, 100, 50, 0) : new SKColor(10, 220, 30, 128));

        var tensor = Preprocessor(2, 2).Preprocess(png);

        Assert.Equal(Rgb(200, 100, 50), PixelAt(tensor, 2, 0, 0));
        Assert.Equal(Rgb(10, 220, 30), PixelAt(tensor, 2, 1, 0));
        Assert.Equal(Rgb(200, 100, 50), PixelAt(tensor, 2, 1, 1));
    }

    [Fact]
    public void Grayscale_becomes_equal_rgb_channels()
    {
        var png = TestImages.GrayPng(2, 2, (x, y) => (byte)(40 + 70 * x + 100 * y));

        var tensor = Preprocessor(2, 2).Preprocess(png);

        Assert.Equal(Rgb(40, 40, 40), PixelAt(tensor, 2, 0, 0));
        Assert.Equal(Rgb(110, 110, 110), PixelAt(tensor, 2, 1, 0));
        Assert.Equal(Rgb(210, 210, 210), PixelAt(tensor, 2, 1, 1));
    }

    [Theory]
    [InlineData(1, 16, 8, "red-left")]
    [InlineData(2, 16, 8, "red-right")]  // mirrored
    [InlineData(3, 16, 8, "red-right")]  // rotated 180°
    [InlineData(4, 16, 8, "red-left")]   // flipped vertically
    [InlineData(6, 8, 16, "red-top")]    // displayed after turning 90° clockwise
    [InlineData(8, 8, 16, "red-bottom")] // displayed after turning 90° counter-clockwise
    [InlineData(5, 8, 16, "red-top")]    // transposed
    [InlineData(7, 8, 16, "red-bottom")] // transverse
    public void Exif_orientation_is_applied_before_preprocessing(ushort orientation, int width, int height, string layout)
    {
        // stored: 16×8, left half red, right half blue
        var jpeg = TestImages.WithExifOrientation(TestImages.Jpeg(16, 8, (x, _) => x < 8 ? new SKColor(255, 0, 0) : new SKColor(0, 0, 255)), orientation);

        using var image = ImageDecoder.Decode(jpeg);

        Assert.Equal((width, height), (image.Width, image.Height));
        var (redX, redY, blueX, blueY) = layout switch
        {
            "red-left" => (2, 4, 13, 4),
            "red-right" => (13, 4, 2, 4),
            "red-top" => (4, 2, 4, 13),
            _ => (4, 13, 4, 2),
        };
        AssertNear(image, redX, redY, 255, 0, 0);
        AssertNear(image, blueX, blueY, 0, 0, 255);
    }

    [Fact]
    public void Webp_bmp_and_gif_decode_to_their_exact_pixels()
    {
        static SKColor Pixel(int x, int y) => new((byte)(x * 50), (byte)(y * 80), (byte)(100 + x * 10));
        using var webp = ImageDecoder.Decode(TestImages.WebpLossless(3, 2, Pixel));
        using var bmp = ImageDecoder.Decode(TestImages.Bmp(3, 2, Pixel));
        using var gif = ImageDecoder.Decode(TestImages.RedGif());

        foreach (var image in new[] { webp, bmp })
            for (var y = 0; y < 2; y++)
                for (var x = 0; x < 3; x++)
                {
                    var p = Pixel(x, y);
                    Assert.Equal([p.Red, p.Green, p.Blue], image.Pixels[((y * 3 + x) * 4)..((y * 3 + x) * 4 + 3)].ToArray());
                }
        Assert.Equal((1, 1), (gif.Width, gif.Height));
        Assert.Equal([255, 0, 0], gif.Pixels[..3].ToArray());
    }

    [Fact]
    public void A_crop_larger_than_the_image_pads_with_black_like_hugging_face()
    {
        // no resize, 2×2 image in a 4×4 crop: Hugging Face puts it at offset ceil((4-2)/2) = 1 and pads with zeros
        var config = ClipPreprocessorConfig.Clip(2) with { DoResize = false, CropHeight = 4, CropWidth = 4 };
        var png = TestImages.Png(2, 2, (_, _) => new SKColor(90, 90, 90));

        var tensor = new ClipImagePreprocessor(config).Preprocess(png);

        Assert.Equal(Rgb(0, 0, 0), PixelAt(tensor, 4, 0, 0));
        Assert.Equal(Rgb(90, 90, 90), PixelAt(tensor, 4, 1, 1));
        Assert.Equal(Rgb(90, 90, 90), PixelAt(tensor, 4, 2, 2));
        Assert.Equal(Rgb(0, 0, 0), PixelAt(tensor, 4, 3, 3));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 })] // a JPEG header and nothing else
    public void Bytes_that_are_not_an_image_raise_an_image_decode_exception(byte[] bytes)
    {
        Assert.Throws<ImageDecodeException>(() => Preprocessor(8, 8).Preprocess(bytes));
    }

    [Fact]
    public void A_truncated_png_is_reported_as_truncated()
    {
        var png = TestImages.Png(64, 64, (x, y) => new SKColor((byte)(x * 4), (byte)(y * 4), (byte)(x ^ y)));

        var e = Assert.Throws<ImageDecodeException>(() => Preprocessor(8, 8).Preprocess(png.AsSpan(0, png.Length / 2)));

        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Destination_of_the_wrong_length_names_the_parameter()
    {
        var png = TestImages.Png(2, 2, (_, _) => SKColors.Gray);

        var e = Assert.Throws<ArgumentException>(() => Preprocessor(2, 2).Preprocess(png, new float[5]));

        Assert.Equal("destination", e.ParamName);
        Assert.Contains("12", e.Message);
    }

    private static (int R, int G, int B) Rgb(int r, int g, int b) => (r, g, b);

    /// <summary>Recovers the 8-bit colour of one pixel of a normalised CHW tensor.</summary>
    private static (int R, int G, int B) PixelAt(float[] tensor, int size, int x, int y) => PixelAt(tensor, size, size, x, y);

    private static (int R, int G, int B) PixelAt(float[] tensor, int height, int width, int x, int y)
    {
        var plane = height * width;
        int Channel(int c) => (int)Math.Round((tensor[c * plane + y * width + x] * Std[c] + Mean[c]) * 255);
        return (Channel(0), Channel(1), Channel(2));
    }

    /// <summary>Pillow's bicubic resample of one output column, in double precision (Resample.c's formula, not its fixed point).</summary>
    private static int PillowReference(int inSize, int outSize, int xx, Func<int, double> value)
    {
        static double Cubic(double x)
        {
            x = Math.Abs(x);
            return x < 1 ? (1.5 * x - 2.5) * x * x + 1 : x < 2 ? ((-0.5 * x + 2.5) * x - 4) * x + 2 : 0;
        }
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1);
        var support = 2 * filterScale;
        var center = (xx + 0.5) * scale;
        var first = Math.Max(0, (int)(center - support + 0.5));
        var last = Math.Min(inSize, (int)(center + support + 0.5));
        double sum = 0, weights = 0;
        for (var x = first; x < last; x++)
        {
            var w = Cubic((x - center + 0.5) / filterScale);
            sum += w * value(x);
            weights += w;
        }
        return (int)Math.Clamp(Math.Round(sum / weights), 0, 255);
    }

    private static void AssertNear(RgbaImage image, int x, int y, int r, int g, int b)
    {
        var o = (y * image.Width + x) * 4;
        Assert.InRange(image.Pixels[o], r - 24, r + 24);
        Assert.InRange(image.Pixels[o + 1], g - 24, g + 24);
        Assert.InRange(image.Pixels[o + 2], b - 24, b + 24);
    }
}
