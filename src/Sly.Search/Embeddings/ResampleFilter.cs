namespace Sly.Search.Embeddings;

/// <summary>Resampling filters, numbered as Pillow numbers them (the <c>resample</c> key of preprocessor_config.json).</summary>
public enum ResampleFilter
{
    /// <summary>Pillow's LANCZOS (1): windowed sinc, support 3.</summary>
    Lanczos = 1,

    /// <summary>Pillow's BILINEAR (2): triangle, support 1.</summary>
    Bilinear = 2,

    /// <summary>Pillow's BICUBIC (3): cubic convolution with a = −0.5, support 2. CLIP's choice.</summary>
    Bicubic = 3,

    /// <summary>Pillow's BOX (4): area average.</summary>
    Box = 4,

    /// <summary>Pillow's HAMMING (5): Hamming-windowed sinc, support 1.</summary>
    Hamming = 5,
}
