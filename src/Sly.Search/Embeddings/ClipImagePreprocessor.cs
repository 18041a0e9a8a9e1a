namespace Sly.Search.Embeddings;

/// <summary>
/// Turns an encoded image into the float tensor CLIP's vision tower takes, as Hugging Face's CLIPImageProcessor
/// does: decode, EXIF orientation, RGB (alpha dropped), resize the shorter side with Pillow's filter, centre crop,
/// rescale to 0–1, normalise with mean/std, channels first (CHW).
/// </summary>
public sealed class ClipImagePreprocessor
{
    private readonly float[][] _lookup;

    /// <summary>Creates a preprocessor for <paramref name="config"/>.</summary>
    /// <param name="config">The preprocessing settings.</param>
    /// <param name="jpegReducingGap">
    /// Null (default): decode every image at full size, as Pillow does, so tensors match CLIP's reference byte for
    /// byte. A value g ≥ 1: decode a JPEG at 1/2, 1/4 or 1/8 of its size (libjpeg's DCT scaling, much faster for
    /// camera photos) as long as its shorter side stays at least g times the resize target, like Pillow's
    /// <c>reducing_gap</c>; 3 gives results close to the exact path.
    /// </param>
    /// <exception cref="ArgumentException">The settings give tensors of different sizes per image, or image_std holds 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="jpegReducingGap"/> is below 1 or not finite.</exception>
    public ClipImagePreprocessor(ClipPreprocessorConfig config, double? jpegReducingGap = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!IsValidJpegReducingGap(jpegReducingGap))
            throw new ArgumentOutOfRangeException(nameof(jpegReducingGap), jpegReducingGap, "must be null (exact decoding) or a finite number ≥ 1");
        JpegReducingGap = jpegReducingGap;
        try
        {
            OutputHeight = config.OutputHeight;
            OutputWidth = config.OutputWidth;
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException(e.Message, nameof(config), e);
        }
        if (config.ImageMean.Count != 3 || config.ImageStd.Count != 3 || config.ImageStd.Any(s => s == 0))
            throw new ArgumentException("ImageMean and ImageStd must hold three values (R, G, B) and ImageStd no zero", nameof(config));
        Config = config;
        // every output value depends only on the channel and the 8-bit input, so precompute them all; the arithmetic
        // follows Hugging Face: rescale in float64 then cast to float32, normalise in float32
        _lookup = new float[3][];
        for (var c = 0; c < 3; c++)
        {
            _lookup[c] = new float[256];
            for (var v = 0; v < 256; v++)
            {
                var x = config.DoRescale ? (float)(v * config.RescaleFactor) : v;
                _lookup[c][v] = config.DoNormalize ? (x - config.ImageMean[c]) / config.ImageStd[c] : x;
            }
        }
    }

    /// <summary>The settings in use.</summary>
    public ClipPreprocessorConfig Config { get; }

    /// <summary>See the constructor: null decodes exactly, a value lets large JPEG files decode at a reduced size.</summary>
    public double? JpegReducingGap { get; }

    /// <summary>Whether <paramref name="gap"/> is a usable reducing gap: null (exact decoding) or a finite number ≥ 1.</summary>
    public static bool IsValidJpegReducingGap(double? gap) => gap is not { } value || (value >= 1 && double.IsFinite(value));

    /// <summary>Height of the output tensor.</summary>
    public int OutputHeight { get; }

    /// <summary>Width of the output tensor.</summary>
    public int OutputWidth { get; }

    /// <summary>Number of floats per image: 3 × height × width.</summary>
    public int TensorLength => 3 * OutputHeight * OutputWidth;

    /// <summary>Decodes and preprocesses one image into a new CHW float array of <see cref="TensorLength"/> values.</summary>
    /// <exception cref="ImageDecodeException">The bytes are not a decodable image.</exception>
    public float[] Preprocess(ReadOnlySpan<byte> encodedImage)
    {
        var tensor = new float[TensorLength];
        Preprocess(encodedImage, tensor);
        return tensor;
    }

    /// <summary>Decodes and preprocesses one image into <paramref name="destination"/> (CHW, exactly <see cref="TensorLength"/> floats).</summary>
    /// <exception cref="ImageDecodeException">The bytes are not a decodable image.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    public void Preprocess(ReadOnlySpan<byte> encodedImage, Span<float> destination)
    {
        if (destination.Length != TensorLength)
            throw new ArgumentException($"must hold exactly {TensorLength} floats (3 × {OutputHeight} × {OutputWidth}), not {destination.Length}", nameof(destination));
        using var image = ImageDecoder.Decode(encodedImage, JpegReducingGap is { } gap && Config.DoResize ? gap * ResizeTargetShortSide : null);
        Preprocess(image, destination);
    }

    internal void Preprocess(RgbaImage image, Span<float> destination)
    {
        var resized = Resize(image);
        try
        {
            CropAndNormalise(resized, destination);
        }
        finally
        {
            if (!ReferenceEquals(resized, image))
                resized.Dispose();
        }
    }

    private void CropAndNormalise(RgbaImage resized, Span<float> destination)
    {
        // Hugging Face center_crop: top = (h - crop_h) // 2 (floor division), padding with zeros when the image is
        // smaller; a source pixel (x, y) lands at (x - left, y - top) in both cases
        int height = OutputHeight, width = OutputWidth;
        var top = FloorDiv(resized.Height - height, 2);
        var left = FloorDiv(resized.Width - width, 2);
        var plane = height * width;
        var pixels = resized.Pixels;
        var r = _lookup[0];
        var g = _lookup[1];
        var b = _lookup[2];
        for (var y = 0; y < height; y++)
        {
            var sy = y + top;
            for (var x = 0; x < width; x++)
            {
                var sx = x + left;
                var o = y * width + x;
                if (sy < 0 || sy >= resized.Height || sx < 0 || sx >= resized.Width)
                {
                    destination[o] = r[0];
                    destination[plane + o] = g[0];
                    destination[2 * plane + o] = b[0];
                    continue;
                }
                var p = (sy * resized.Width + sx) * 4;
                destination[o] = r[pixels[p]];
                destination[plane + o] = g[pixels[p + 1]];
                destination[2 * plane + o] = b[pixels[p + 2]];
            }
        }
    }

    /// <summary>The size an image of <paramref name="width"/>×<paramref name="height"/> is resized to before cropping.</summary>
    public (int Width, int Height) ResizedSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (!Config.DoResize)
            return (width, height);
        if (Config.ShortestEdge is not { } edge)
            return (Config.ResizeWidth!.Value, Config.ResizeHeight!.Value);
        // Hugging Face get_resize_output_image_size (default_to_square=False): short side = edge, long side truncated
        return width <= height
            ? (edge, (int)((long)edge * height / width))
            : ((int)((long)edge * width / height), edge);
    }

    private int ResizeTargetShortSide => Config.ShortestEdge ?? Math.Min(Config.ResizeWidth!.Value, Config.ResizeHeight!.Value);

    private RgbaImage Resize(RgbaImage image)
    {
        var (w, h) = ResizedSize(image.Width, image.Height);
        return PillowResampler.Resize(image, w, h, Config.Resample);
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);
}
