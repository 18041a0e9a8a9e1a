using System.Text.Json;

namespace Sly.Search.Embeddings;

/// <summary>
/// Image preprocessing settings in the vocabulary of Hugging Face's <c>CLIPImageProcessor</c>
/// (<c>preprocessor_config.json</c>). Defaults are OpenAI CLIP's at 224 px.
/// </summary>
public sealed record ClipPreprocessorConfig
{
    /// <summary>OpenAI CLIP's per-channel mean (RGB).</summary>
    public static IReadOnlyList<float> ClipMean { get; } = [0.48145466f, 0.4578275f, 0.40821073f];

    /// <summary>OpenAI CLIP's per-channel standard deviation (RGB).</summary>
    public static IReadOnlyList<float> ClipStd { get; } = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>Whether to resize before cropping (<c>do_resize</c>).</summary>
    public bool DoResize { get; init; } = true;

    /// <summary>Resize so the shorter side has this many pixels, keeping the aspect ratio (<c>size</c> as an int or <c>{"shortest_edge"}</c>). Null when <see cref="ResizeHeight"/>/<see cref="ResizeWidth"/> are set.</summary>
    public int? ShortestEdge { get; init; } = 224;

    /// <summary>Resize to exactly this height (<c>size: {"height", "width"}</c>); null for a shortest-edge resize.</summary>
    public int? ResizeHeight { get; init; }

    /// <summary>Resize to exactly this width (<c>size: {"height", "width"}</c>); null for a shortest-edge resize.</summary>
    public int? ResizeWidth { get; init; }

    /// <summary>Resampling filter, numbered as in Pillow (<c>resample</c>; 3 = bicubic).</summary>
    public ResampleFilter Resample { get; init; } = ResampleFilter.Bicubic;

    /// <summary>Whether to crop the centre (<c>do_center_crop</c>).</summary>
    public bool DoCenterCrop { get; init; } = true;

    /// <summary>Height of the centre crop (<c>crop_size</c>).</summary>
    public int CropHeight { get; init; } = 224;

    /// <summary>Width of the centre crop (<c>crop_size</c>).</summary>
    public int CropWidth { get; init; } = 224;

    /// <summary>Whether to multiply pixel values by <see cref="RescaleFactor"/> (<c>do_rescale</c>).</summary>
    public bool DoRescale { get; init; } = true;

    /// <summary>Factor applied to 0–255 pixel values (<c>rescale_factor</c>, 1/255).</summary>
    public double RescaleFactor { get; init; } = 1 / 255.0;

    /// <summary>Whether to subtract <see cref="ImageMean"/> and divide by <see cref="ImageStd"/> (<c>do_normalize</c>).</summary>
    public bool DoNormalize { get; init; } = true;

    /// <summary>Per-channel mean, RGB (<c>image_mean</c>).</summary>
    public IReadOnlyList<float> ImageMean { get; init; } = ClipMean;

    /// <summary>Per-channel standard deviation, RGB (<c>image_std</c>).</summary>
    public IReadOnlyList<float> ImageStd { get; init; } = ClipStd;

    /// <summary>Height of the tensor handed to the model.</summary>
    public int OutputHeight => DoCenterCrop ? CropHeight : ResizeHeight ?? throw VariableSize();

    /// <summary>Width of the tensor handed to the model.</summary>
    public int OutputWidth => DoCenterCrop ? CropWidth : ResizeWidth ?? throw VariableSize();

    /// <summary>OpenAI CLIP's preprocessing at <paramref name="size"/> pixels: shortest side to size, bicubic, centre crop, CLIP mean/std.</summary>
    public static ClipPreprocessorConfig Clip(int size = 224)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return new ClipPreprocessorConfig { ShortestEdge = size, CropHeight = size, CropWidth = size };
    }

    /// <summary>
    /// Reads a Hugging Face <c>preprocessor_config.json</c>. Keys it lacks keep CLIPImageProcessor's defaults
    /// (as in Hugging Face, a missing <c>crop_size</c> means 224 whatever <c>size</c> is).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file is not JSON or a key has the wrong shape; the message names the file and key.</exception>
    public static ClipPreprocessorConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist (expected a Hugging Face preprocessor_config.json with size, crop_size, image_mean, image_std)", path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: expected a JSON object of CLIPImageProcessor settings");
            var config = new ClipPreprocessorConfig();
            try
            {
                config = config with
                {
                    DoResize = Bool(root, "do_resize", config.DoResize),
                    DoCenterCrop = Bool(root, "do_center_crop", config.DoCenterCrop),
                    DoRescale = Bool(root, "do_rescale", config.DoRescale),
                    DoNormalize = Bool(root, "do_normalize", config.DoNormalize),
                    RescaleFactor = root.TryGetProperty("rescale_factor", out var rf) ? Number(rf, "rescale_factor") : config.RescaleFactor,
                    ImageMean = root.TryGetProperty("image_mean", out var mean) ? Triple(mean, "image_mean") : config.ImageMean,
                    ImageStd = root.TryGetProperty("image_std", out var std) ? Triple(std, "image_std") : config.ImageStd,
                    Resample = root.TryGetProperty("resample", out var resample) ? Filter(resample) : config.Resample,
                };
                if (root.TryGetProperty("size", out var size))
                    config = ReadSize(config, size);
                if (root.TryGetProperty("crop_size", out var crop))
                {
                    var (h, w) = HeightWidth(crop, "crop_size");
                    config = config with { CropHeight = h, CropWidth = w };
                }
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{path}: {e.Message}", e);
            }
            if (config.ImageStd.Any(s => s == 0))
                throw new InvalidDataException($"{path}: image_std must not contain 0");
            if (!config.DoCenterCrop && config.DoResize && config.ShortestEdge is not null)
                throw new InvalidDataException($"{path}: do_center_crop is false with a shortest_edge resize, which gives tensors of different sizes per image; set do_center_crop or size {{\"height\", \"width\"}}");
            return config;
        }
    }

    private static ClipPreprocessorConfig ReadSize(ClipPreprocessorConfig config, JsonElement size)
    {
        if (size.ValueKind == JsonValueKind.Number)
            return config with { ShortestEdge = PositiveInt(size, "size"), ResizeHeight = null, ResizeWidth = null };
        if (size.ValueKind == JsonValueKind.Object && size.TryGetProperty("shortest_edge", out var edge))
            return config with { ShortestEdge = PositiveInt(edge, "size.shortest_edge"), ResizeHeight = null, ResizeWidth = null };
        if (size.ValueKind == JsonValueKind.Object && size.TryGetProperty("height", out _))
        {
            var (h, w) = HeightWidth(size, "size");
            return config with { ShortestEdge = null, ResizeHeight = h, ResizeWidth = w };
        }
        throw new FormatException("size must be an integer, {\"shortest_edge\": n} or {\"height\": h, \"width\": w}");
    }

    private static (int Height, int Width) HeightWidth(JsonElement element, string key)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            var n = PositiveInt(element, key);
            return (n, n);
        }
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("height", out var h) && element.TryGetProperty("width", out var w))
            return (PositiveInt(h, key + ".height"), PositiveInt(w, key + ".width"));
        throw new FormatException($"{key} must be an integer or {{\"height\": h, \"width\": w}}");
    }

    private static int PositiveInt(JsonElement element, string key)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < 1)
            throw new FormatException($"{key} must be a positive integer, not {element.GetRawText()}");
        return value;
    }

    private static double Number(JsonElement element, string key)
    {
        if (element.ValueKind != JsonValueKind.Number)
            throw new FormatException($"{key} must be a number, not {element.GetRawText()}");
        return element.GetDouble();
    }

    private static bool Bool(JsonElement root, string key, bool fallback)
    {
        if (!root.TryGetProperty(key, out var element))
            return fallback;
        return element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"{key} must be true or false, not {element.GetRawText()}"),
        };
    }

    private static float[] Triple(JsonElement element, string key)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            var v = (float)element.GetDouble();
            return [v, v, v];
        }
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 3 || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number))
            throw new FormatException($"{key} must be a list of three numbers (R, G, B), not {element.GetRawText()}");
        return element.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
    }

    private static ResampleFilter Filter(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var code) && Enum.IsDefined((ResampleFilter)code))
            return (ResampleFilter)code;
        throw new FormatException($"resample must be one of Pillow's 1 (lanczos), 2 (bilinear), 3 (bicubic), 4 (box), 5 (hamming), not {element.GetRawText()}");
    }

    private static InvalidOperationException VariableSize() =>
        new("without a centre crop, a shortest-edge resize gives a different tensor size per image; set DoCenterCrop or ResizeHeight/ResizeWidth");
}
