using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sly.Search.VectorIndex;

/// <summary>
/// Register-blocked float32 dot products: four "left" rows against a run of "right" rows, the building block of
/// exact search (rows × queries), k-means assignment (rows × centroids), DBSCAN region queries (rows × rows) and the
/// PCA covariance (features × features). Each right-row chunk is loaded once per four left rows and each left-row
/// chunk once per four right rows, so a 4×4 block does 16 FMAs per 8 loads (and 4 horizontal sums per 13 instructions) instead of 1 FMA per 2
/// loads as separate
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> calls would.
/// </summary>
/// <remarks>
/// Every (left, right) pair is accumulated in its own register in the same chunk order whichever block shape
/// (4×4, 4×2, 4×1) computes it, so the score of a pair does not depend on how many queries a request has or on
/// how the rows were blocked — search results and rescoring agree bit for bit. Machines without 512- or 256-bit
/// FMA fall back to <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per pair.
/// </remarks>
internal static class DotProductKernels
{
    public static readonly bool UseVector512 = Vector512.IsHardwareAccelerated;
    public static readonly bool UseVector256 = !UseVector512 && Vector256.IsHardwareAccelerated && Fma.IsSupported;

    /// <summary>
    /// <c>c[i * ldc + j] = dot(a_i, b_j)</c> for i in 0..3 and j in 0..count−1, where <c>b_j</c> starts
    /// <c>j * bStride</c> floats after <paramref name="b"/> and every vector has <paramref name="length"/> floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot4xN(ref float a0, ref float a1, ref float a2, ref float a3,
        ref float b, nint bStride, int count, int length, ref float c, nint ldc)
    {
        var n = (nuint)length;
        var j = 0;
        if (UseVector512)
        {
            for (; j + 4 <= count; j += 4)
                Dot4x4V512(ref a0, ref a1, ref a2, ref a3, ref Unsafe.Add(ref b, j * bStride), bStride, n, ref Unsafe.Add(ref c, j), ldc);
            if (j + 2 <= count)
            {
                Dot4x2V512(ref a0, ref a1, ref a2, ref a3, ref Unsafe.Add(ref b, j * bStride), bStride, n, ref Unsafe.Add(ref c, j), ldc);
                j += 2;
            }
            if (j < count)
                Dot4x1V512(ref a0, ref a1, ref a2, ref a3, ref Unsafe.Add(ref b, j * bStride), n, ref Unsafe.Add(ref c, j), ldc);
        }
        else if (UseVector256)
        {
            for (; j + 4 <= count; j += 4)
                Dot4x4V256(ref a0, ref a1, ref a2, ref a3, ref Unsafe.Add(ref b, j * bStride), bStride, n, ref Unsafe.Add(ref c, j), ldc);
            if (j + 2 <= count)
            {
                Dot4x2V256(ref a0, ref a1, ref a2, ref a3, ref Unsafe.Add(ref b, j * bStride), bStride, n, ref Unsafe.Add(ref c, j), ldc);
                j += 2;
            }
            if (j < count)
                Dot4x1V256(ref a0, ref a1, ref a2, ref a3, ref Unsafe.Add(ref b, j * bStride), n, ref Unsafe.Add(ref c, j), ldc);
        }
        else
        {
            for (; j < count; j++)
            {
                var bj = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref b, j * bStride), length);
                Unsafe.Add(ref c, j) = TensorPrimitives.Dot(MemoryMarshal.CreateReadOnlySpan(ref a0, length), bj);
                Unsafe.Add(ref c, ldc + j) = TensorPrimitives.Dot(MemoryMarshal.CreateReadOnlySpan(ref a1, length), bj);
                Unsafe.Add(ref c, 2 * ldc + j) = TensorPrimitives.Dot(MemoryMarshal.CreateReadOnlySpan(ref a2, length), bj);
                Unsafe.Add(ref c, 3 * ldc + j) = TensorPrimitives.Dot(MemoryMarshal.CreateReadOnlySpan(ref a3, length), bj);
            }
        }
    }

    /// <summary>One dot product computed exactly as <see cref="Dot4xN"/> computes a pair.</summary>
    public static float Dot(ref float a, ref float b, int length)
    {
        Span<float> c = stackalloc float[4];
        Dot4xN(ref a, ref a, ref a, ref a, ref b, 0, 1, length, ref MemoryMarshal.GetReference(c), 1);
        return c[0];
    }

    /// <summary>
    /// The four horizontal sums of <paramref name="a"/>..<paramref name="d"/> as one vector, by halving and
    /// pairwise horizontal adds (13 instructions instead of 4 × ~28 for <see cref="Vector512.Sum{T}(Vector512{T})"/>).
    /// Every slot is summed in the same order, so a pair's result does not depend on its slot.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Reduce4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d) =>
        Reduce4(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Reduce4(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        var abcd = Avx.HorizontalAdd(Avx.HorizontalAdd(a, b), Avx.HorizontalAdd(c, d));
        return abcd.GetLower() + abcd.GetUpper();
    }

    /// <summary>Adds the scalar tails (components past the last full vector) to a 4×4 block of results.</summary>
    private static void AddTails(ref float a0, ref float a1, ref float a2, ref float a3, ref float b0, nint bStride, int count,
        nuint end, nuint length, ref float c, nint ldc)
    {
        for (var j = 0; j < count; j++)
        {
            ref var bj = ref Unsafe.Add(ref b0, j * bStride);
            Unsafe.Add(ref c, j) += Tail(ref a0, ref bj, end, length);
            Unsafe.Add(ref c, ldc + j) += Tail(ref a1, ref bj, end, length);
            Unsafe.Add(ref c, 2 * ldc + j) += Tail(ref a2, ref bj, end, length);
            Unsafe.Add(ref c, 3 * ldc + j) += Tail(ref a3, ref bj, end, length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Tail(ref float a, ref float b, nuint start, nuint length)
    {
        var sum = 0f;
        for (var k = start; k < length; k++)
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, k), Unsafe.Add(ref b, k), sum);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x4V512(ref float a0, ref float a1, ref float a2, ref float a3,
        ref float b0, nint bStride, nuint length, ref float c, nint ldc)
    {
        ref var b1 = ref Unsafe.Add(ref b0, bStride);
        ref var b2 = ref Unsafe.Add(ref b1, bStride);
        ref var b3 = ref Unsafe.Add(ref b2, bStride);
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        var end = length & ~(nuint)15;
        for (nuint k = 0; k < end; k += 16)
        {
            var x0 = Vector512.LoadUnsafe(ref b0, k);
            var x1 = Vector512.LoadUnsafe(ref b1, k);
            var x2 = Vector512.LoadUnsafe(ref b2, k);
            var x3 = Vector512.LoadUnsafe(ref b3, k);
            var y = Vector512.LoadUnsafe(ref a0, k);
            c00 = Vector512.FusedMultiplyAdd(y, x0, c00);
            c01 = Vector512.FusedMultiplyAdd(y, x1, c01);
            c02 = Vector512.FusedMultiplyAdd(y, x2, c02);
            c03 = Vector512.FusedMultiplyAdd(y, x3, c03);
            y = Vector512.LoadUnsafe(ref a1, k);
            c10 = Vector512.FusedMultiplyAdd(y, x0, c10);
            c11 = Vector512.FusedMultiplyAdd(y, x1, c11);
            c12 = Vector512.FusedMultiplyAdd(y, x2, c12);
            c13 = Vector512.FusedMultiplyAdd(y, x3, c13);
            y = Vector512.LoadUnsafe(ref a2, k);
            c20 = Vector512.FusedMultiplyAdd(y, x0, c20);
            c21 = Vector512.FusedMultiplyAdd(y, x1, c21);
            c22 = Vector512.FusedMultiplyAdd(y, x2, c22);
            c23 = Vector512.FusedMultiplyAdd(y, x3, c23);
            y = Vector512.LoadUnsafe(ref a3, k);
            c30 = Vector512.FusedMultiplyAdd(y, x0, c30);
            c31 = Vector512.FusedMultiplyAdd(y, x1, c31);
            c32 = Vector512.FusedMultiplyAdd(y, x2, c32);
            c33 = Vector512.FusedMultiplyAdd(y, x3, c33);
        }
        Reduce4(c00, c01, c02, c03).StoreUnsafe(ref c);
        Reduce4(c10, c11, c12, c13).StoreUnsafe(ref Unsafe.Add(ref c, ldc));
        Reduce4(c20, c21, c22, c23).StoreUnsafe(ref Unsafe.Add(ref c, 2 * ldc));
        Reduce4(c30, c31, c32, c33).StoreUnsafe(ref Unsafe.Add(ref c, 3 * ldc));
        if (end != length)
            AddTails(ref a0, ref a1, ref a2, ref a3, ref b0, bStride, 4, end, length, ref c, ldc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x2V512(ref float a0, ref float a1, ref float a2, ref float a3,
        ref float b0, nint bStride, nuint length, ref float c, nint ldc)
    {
        ref var b1 = ref Unsafe.Add(ref b0, bStride);
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        var end = length & ~(nuint)15;
        for (nuint k = 0; k < end; k += 16)
        {
            var x0 = Vector512.LoadUnsafe(ref b0, k);
            var x1 = Vector512.LoadUnsafe(ref b1, k);
            var y = Vector512.LoadUnsafe(ref a0, k);
            c00 = Vector512.FusedMultiplyAdd(y, x0, c00);
            c01 = Vector512.FusedMultiplyAdd(y, x1, c01);
            y = Vector512.LoadUnsafe(ref a1, k);
            c10 = Vector512.FusedMultiplyAdd(y, x0, c10);
            c11 = Vector512.FusedMultiplyAdd(y, x1, c11);
            y = Vector512.LoadUnsafe(ref a2, k);
            c20 = Vector512.FusedMultiplyAdd(y, x0, c20);
            c21 = Vector512.FusedMultiplyAdd(y, x1, c21);
            y = Vector512.LoadUnsafe(ref a3, k);
            c30 = Vector512.FusedMultiplyAdd(y, x0, c30);
            c31 = Vector512.FusedMultiplyAdd(y, x1, c31);
        }
        var r01 = Reduce4(c00, c01, c10, c11);
        var r23 = Reduce4(c20, c21, c30, c31);
        c = r01.GetElement(0);
        Unsafe.Add(ref c, 1) = r01.GetElement(1);
        Unsafe.Add(ref c, ldc) = r01.GetElement(2);
        Unsafe.Add(ref c, ldc + 1) = r01.GetElement(3);
        Unsafe.Add(ref c, 2 * ldc) = r23.GetElement(0);
        Unsafe.Add(ref c, 2 * ldc + 1) = r23.GetElement(1);
        Unsafe.Add(ref c, 3 * ldc) = r23.GetElement(2);
        Unsafe.Add(ref c, 3 * ldc + 1) = r23.GetElement(3);
        if (end != length)
            AddTails(ref a0, ref a1, ref a2, ref a3, ref b0, bStride, 2, end, length, ref c, ldc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x1V512(ref float a0, ref float a1, ref float a2, ref float a3,
        ref float b0, nuint length, ref float c, nint ldc)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        var end = length & ~(nuint)15;
        for (nuint k = 0; k < end; k += 16)
        {
            var x = Vector512.LoadUnsafe(ref b0, k);
            c0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a0, k), x, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a1, k), x, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a2, k), x, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref a3, k), x, c3);
        }
        var r = Reduce4(c0, c1, c2, c3);
        c = r.GetElement(0);
        Unsafe.Add(ref c, ldc) = r.GetElement(1);
        Unsafe.Add(ref c, 2 * ldc) = r.GetElement(2);
        Unsafe.Add(ref c, 3 * ldc) = r.GetElement(3);
        if (end != length)
            AddTails(ref a0, ref a1, ref a2, ref a3, ref b0, 0, 1, end, length, ref c, ldc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x4V256(ref float a0, ref float a1, ref float a2, ref float a3,
        ref float b0, nint bStride, nuint length, ref float c, nint ldc)
    {
        ref var b1 = ref Unsafe.Add(ref b0, bStride);
        ref var b2 = ref Unsafe.Add(ref b1, bStride);
        ref var b3 = ref Unsafe.Add(ref b2, bStride);
        Vector256<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector256<float> c30 = default, c31 = default, c32 = default, c33 = default;
        var end = length & ~(nuint)7;
        for (nuint k = 0; k < end; k += 8)
        {
            var x0 = Vector256.LoadUnsafe(ref b0, k);
            var x1 = Vector256.LoadUnsafe(ref b1, k);
            var x2 = Vector256.LoadUnsafe(ref b2, k);
            var x3 = Vector256.LoadUnsafe(ref b3, k);
            var y = Vector256.LoadUnsafe(ref a0, k);
            c00 = Vector256.FusedMultiplyAdd(y, x0, c00);
            c01 = Vector256.FusedMultiplyAdd(y, x1, c01);
            c02 = Vector256.FusedMultiplyAdd(y, x2, c02);
            c03 = Vector256.FusedMultiplyAdd(y, x3, c03);
            y = Vector256.LoadUnsafe(ref a1, k);
            c10 = Vector256.FusedMultiplyAdd(y, x0, c10);
            c11 = Vector256.FusedMultiplyAdd(y, x1, c11);
            c12 = Vector256.FusedMultiplyAdd(y, x2, c12);
            c13 = Vector256.FusedMultiplyAdd(y, x3, c13);
            y = Vector256.LoadUnsafe(ref a2, k);
            c20 = Vector256.FusedMultiplyAdd(y, x0, c20);
            c21 = Vector256.FusedMultiplyAdd(y, x1, c21);
            c22 = Vector256.FusedMultiplyAdd(y, x2, c22);
            c23 = Vector256.FusedMultiplyAdd(y, x3, c23);
            y = Vector256.LoadUnsafe(ref a3, k);
            c30 = Vector256.FusedMultiplyAdd(y, x0, c30);
            c31 = Vector256.FusedMultiplyAdd(y, x1, c31);
            c32 = Vector256.FusedMultiplyAdd(y, x2, c32);
            c33 = Vector256.FusedMultiplyAdd(y, x3, c33);
        }
        Reduce4(c00, c01, c02, c03).StoreUnsafe(ref c);
        Reduce4(c10, c11, c12, c13).StoreUnsafe(ref Unsafe.Add(ref c, ldc));
        Reduce4(c20, c21, c22, c23).StoreUnsafe(ref Unsafe.Add(ref c, 2 * ldc));
        Reduce4(c30, c31, c32, c33).StoreUnsafe(ref Unsafe.Add(ref c, 3 * ldc));
        if (end != length)
            AddTails(ref a0, ref a1, ref a2, ref a3, ref b0, bStride, 4, end, length, ref c, ldc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x2V256(ref float a0, ref float a1, ref float a2, ref float a3,
        ref float b0, nint bStride, nuint length, ref float c, nint ldc)
    {
        ref var b1 = ref Unsafe.Add(ref b0, bStride);
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default, c30 = default, c31 = default;
        var end = length & ~(nuint)7;
        for (nuint k = 0; k < end; k += 8)
        {
            var x0 = Vector256.LoadUnsafe(ref b0, k);
            var x1 = Vector256.LoadUnsafe(ref b1, k);
            var y = Vector256.LoadUnsafe(ref a0, k);
            c00 = Vector256.FusedMultiplyAdd(y, x0, c00);
            c01 = Vector256.FusedMultiplyAdd(y, x1, c01);
            y = Vector256.LoadUnsafe(ref a1, k);
            c10 = Vector256.FusedMultiplyAdd(y, x0, c10);
            c11 = Vector256.FusedMultiplyAdd(y, x1, c11);
            y = Vector256.LoadUnsafe(ref a2, k);
            c20 = Vector256.FusedMultiplyAdd(y, x0, c20);
            c21 = Vector256.FusedMultiplyAdd(y, x1, c21);
            y = Vector256.LoadUnsafe(ref a3, k);
            c30 = Vector256.FusedMultiplyAdd(y, x0, c30);
            c31 = Vector256.FusedMultiplyAdd(y, x1, c31);
        }
        var r01 = Reduce4(c00, c01, c10, c11);
        var r23 = Reduce4(c20, c21, c30, c31);
        c = r01.GetElement(0);
        Unsafe.Add(ref c, 1) = r01.GetElement(1);
        Unsafe.Add(ref c, ldc) = r01.GetElement(2);
        Unsafe.Add(ref c, ldc + 1) = r01.GetElement(3);
        Unsafe.Add(ref c, 2 * ldc) = r23.GetElement(0);
        Unsafe.Add(ref c, 2 * ldc + 1) = r23.GetElement(1);
        Unsafe.Add(ref c, 3 * ldc) = r23.GetElement(2);
        Unsafe.Add(ref c, 3 * ldc + 1) = r23.GetElement(3);
        if (end != length)
            AddTails(ref a0, ref a1, ref a2, ref a3, ref b0, bStride, 2, end, length, ref c, ldc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x1V256(ref float a0, ref float a1, ref float a2, ref float a3,
        ref float b0, nuint length, ref float c, nint ldc)
    {
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
        var end = length & ~(nuint)7;
        for (nuint k = 0; k < end; k += 8)
        {
            var x = Vector256.LoadUnsafe(ref b0, k);
            c0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a0, k), x, c0);
            c1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a1, k), x, c1);
            c2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a2, k), x, c2);
            c3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref a3, k), x, c3);
        }
        var r = Reduce4(c0, c1, c2, c3);
        c = r.GetElement(0);
        Unsafe.Add(ref c, ldc) = r.GetElement(1);
        Unsafe.Add(ref c, 2 * ldc) = r.GetElement(2);
        Unsafe.Add(ref c, 3 * ldc) = r.GetElement(3);
        if (end != length)
            AddTails(ref a0, ref a1, ref a2, ref a3, ref b0, 0, 1, end, length, ref c, ldc);
    }
}
