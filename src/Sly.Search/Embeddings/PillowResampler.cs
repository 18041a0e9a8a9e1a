using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sly.Search.Embeddings;

/// <summary>
/// Resizes 8-bit RGB images exactly as Pillow's <c>Image.resize</c> does (libImaging/Resample.c): a separable
/// convolution whose kernel widens with the reduction factor, 22-bit fixed-point weights, rounding and clipping
/// to 8 bits after the horizontal pass and again after the vertical pass.
/// </summary>
/// <remarks>
/// Why not Skia's <c>SKCubicResampler.CatmullRom</c>? Catmull-Rom (B = 0, C = ½) is the same cubic as Pillow's
/// BICUBIC (a = −½), and it is the right choice of the two (Mitchell, B = C = ⅓, is a different, blurrier kernel).
/// But Skia samples that kernel at a fixed 4×4 footprint of source pixels, whatever the scale, so shrinking a
/// photo to 224 px skips most source pixels and aliases; Pillow stretches the kernel by the reduction factor and
/// averages them all. CLIP was trained on Pillow's output, so we reproduce Pillow: same weights, same rounding,
/// byte-identical results.
/// <para>Pixels are four bytes (as Pillow stores "RGB" too), so one 128-bit vector of four 32-bit accumulators holds
/// a whole pixel: each tap is one widening load, one multiply and one add. Integer sums do not depend on the order
/// of the taps, so the vector and scalar paths give the same bytes.</para>
/// </remarks>
internal static class PillowResampler
{
    private const int PrecisionBits = 32 - 8 - 2;

    private const int Half = 1 << (PrecisionBits - 1);

    /// <summary>Whether the SIMD path runs; tests turn it off to compare the scalar path with it.</summary>
    internal static bool UseVectors { get; set; } = Vector128.IsHardwareAccelerated;

    /// <summary>The resized image, or <paramref name="source"/> itself when the size is unchanged.</summary>
    public static RgbaImage Resize(RgbaImage source, int width, int height, ResampleFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (width == source.Width && height == source.Height)
            return source;
        var (kernel, support) = Kernel(filter);

        // like ImagingResampleInner: the horizontal pass only computes the rows the vertical pass will read
        var (xBounds, xWeights, xSize) = Coefficients(source.Width, width, kernel, support);
        var (yBounds, yWeights, ySize) = Coefficients(source.Height, height, kernel, support);
        var needHorizontal = width != source.Width;
        var needVertical = height != source.Height;
        var firstRow = yBounds[0];
        var lastRow = yBounds[(height - 1) * 2] + yBounds[(height - 1) * 2 + 1];

        var current = source;
        var rowOffset = 0;
        if (needHorizontal)
        {
            var rows = needVertical ? lastRow - firstRow : source.Height;
            rowOffset = needVertical ? firstRow : 0;
            current = Horizontal(source, width, rowOffset, rows, xBounds, xWeights, xSize);
        }
        var horizontal = current;
        if (needVertical)
        {
            if (needHorizontal)
            {
                for (var i = 0; i < height; i++)
                    yBounds[i * 2] -= rowOffset;
            }
            current = Vertical(current, height, yBounds, yWeights, ySize);
            if (!ReferenceEquals(horizontal, source))
                horizontal.Dispose();
        }
        return current;
    }

    private static (Func<double, double> Kernel, double Support) Kernel(ResampleFilter filter) => filter switch
    {
        ResampleFilter.Bicubic => (Bicubic, 2.0),
        ResampleFilter.Bilinear => (x => x < 0 ? Math.Max(0, 1 + x) : Math.Max(0, 1 - x), 1.0),
        ResampleFilter.Box => (x => x > -0.5 && x <= 0.5 ? 1.0 : 0.0, 0.5),
        ResampleFilter.Hamming => (Hamming, 1.0),
        ResampleFilter.Lanczos => (Lanczos, 3.0),
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "expected Pillow's 1 (lanczos), 2 (bilinear), 3 (bicubic), 4 (box) or 5 (hamming)"),
    };

    private static double Bicubic(double x)
    {
        const double a = -0.5;
        if (x < 0.0)
            x = -x;
        if (x < 1.0)
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0)
            return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }

    private static double Sinc(double x)
    {
        if (x == 0.0)
            return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }

    private static double Hamming(double x)
    {
        if (x < 0.0)
            x = -x;
        if (x == 0.0)
            return 1.0;
        if (x >= 1.0)
            return 0.0;
        x *= Math.PI;
        return Math.Sin(x) / x * (0.54f + 0.46f * Math.Cos(x));
    }

    private static double Lanczos(double x) => -3.0 <= x && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0;

    /// <summary>Pillow's <c>precompute_coeffs</c> followed by <c>normalize_coeffs_8bpc</c>.</summary>
    private static (int[] Bounds, int[] Weights, int KernelSize) Coefficients(int inSize, int outSize, Func<double, double> kernel, double filterSupport)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = filterSupport * filterScale;
        var kernelSize = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var weights = new int[outSize * kernelSize];
        var k = new double[kernelSize];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;
            var ss = 1.0 / filterScale;
            // C's (int) cast truncates towards zero; the clamp to 0 makes that the same as flooring here
            var xmin = Math.Max((int)(center - support + 0.5), 0);
            var xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            var total = 0.0;
            for (var x = 0; x < xmax; x++)
            {
                var w = kernel((x + xmin - center + 0.5) * ss);
                k[x] = w;
                total += w;
            }
            for (var x = 0; x < kernelSize; x++)
            {
                var w = x >= xmax ? 0.0 : total != 0.0 ? k[x] / total : k[x];
                weights[xx * kernelSize + x] = w < 0
                    ? (int)(-0.5 + w * (1 << PrecisionBits))
                    : (int)(0.5 + w * (1 << PrecisionBits));
            }
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }
        return (bounds, weights, kernelSize);
    }

    private static RgbaImage Horizontal(RgbaImage source, int width, int rowOffset, int rows, int[] bounds, int[] weights, int kernelSize)
    {
        var output = RgbaImage.Rent(width, rows);
        var pixels = MemoryMarshal.Cast<byte, uint>(output.Pixels);
        ref var input = ref MemoryMarshal.GetReference(source.Pixels);
        ref var weight = ref MemoryMarshal.GetArrayDataReference(weights);
        var stride = source.Stride;
        for (var yy = 0; yy < rows; yy++)
        {
            ref var row = ref Unsafe.Add(ref input, (nint)(yy + rowOffset) * stride);
            for (var xx = 0; xx < width; xx++)
            {
                var xmin = bounds[xx * 2];
                var xmax = bounds[xx * 2 + 1];
                pixels[yy * width + xx] = Convolve(ref Unsafe.Add(ref row, xmin * 4), 4, ref Unsafe.Add(ref weight, xx * kernelSize), xmax);
            }
        }
        return output;
    }

    private static RgbaImage Vertical(RgbaImage source, int height, int[] bounds, int[] weights, int kernelSize)
    {
        var width = source.Width;
        var output = RgbaImage.Rent(width, height);
        var pixels = MemoryMarshal.Cast<byte, uint>(output.Pixels);
        ref var input = ref MemoryMarshal.GetReference(source.Pixels);
        ref var weight = ref MemoryMarshal.GetArrayDataReference(weights);
        var stride = source.Stride;
        for (var yy = 0; yy < height; yy++)
        {
            var ymin = bounds[yy * 2];
            var ymax = bounds[yy * 2 + 1];
            ref var top = ref Unsafe.Add(ref input, (nint)ymin * stride);
            ref var taps = ref Unsafe.Add(ref weight, yy * kernelSize);
            for (var xx = 0; xx < width; xx++)
                pixels[yy * width + xx] = Convolve(ref Unsafe.Add(ref top, xx * 4), stride, ref taps, ymax);
        }
        return output;
    }

    /// <summary>
    /// One output pixel: the sum over <paramref name="taps"/> source pixels, <paramref name="step"/> bytes apart, of
    /// pixel × weight per channel, rounded and clipped to 8 bits as Pillow's <c>clip8</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Convolve(ref byte first, nint step, ref int weight, int taps)
    {
        if (UseVectors)
        {
            var sum = Vector128.Create(Half);
            for (var t = 0; t < taps; t++)
            {
                var pixel = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref first, t * step))).AsByte();
                var channels = Vector128.WidenLower(Vector128.WidenLower(pixel)).AsInt32();
                sum += channels * Vector128.Create(Unsafe.Add(ref weight, t));
            }
            // clip8: ≤ 0 → 0, ≥ 256 << PrecisionBits → 255, else the top bits
            var clipped = Vector128.Min(Vector128.Max(Vector128.ShiftRightArithmetic(sum, PrecisionBits), Vector128<int>.Zero), Vector128.Create(255));
            var bytes = Vector128.Narrow(Vector128.Narrow(clipped, clipped), Vector128<short>.Zero);
            return bytes.AsUInt32().ToScalar();
        }
        int r = Half, g = Half, b = Half, a = Half;
        for (var t = 0; t < taps; t++)
        {
            ref var p = ref Unsafe.Add(ref first, t * step);
            var w = Unsafe.Add(ref weight, t);
            r += p * w;
            g += Unsafe.Add(ref p, 1) * w;
            b += Unsafe.Add(ref p, 2) * w;
            a += Unsafe.Add(ref p, 3) * w;
        }
        return Clip8(r) | (uint)Clip8(g) << 8 | (uint)Clip8(b) << 16 | (uint)Clip8(a) << 24;
    }

    private static byte Clip8(int value)
    {
        if (value >= 1 << PrecisionBits << 8)
            return 255;
        if (value <= 0)
            return 0;
        return (byte)(value >> PrecisionBits);
    }
}
