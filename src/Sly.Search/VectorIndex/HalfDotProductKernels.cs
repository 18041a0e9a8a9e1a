using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sly.Search.VectorIndex;

/// <summary>
/// Dot products of four half-precision rows (stored as raw <see cref="Half"/> bits) against float32 queries, for
/// the <see cref="VectorStorage.Float16WithRescore"/> candidate scan. The row is read at half the bytes of float32,
/// which is what makes the scan faster: it is memory-bandwidth bound.
/// </summary>
/// <remarks>
/// Widening a half to a float is done without F16C (which .NET does not expose): the 16 bits are sign-extended to
/// 32, shifted left by 13 and masked to <c>0x8FFFE000</c>. That puts the sign at bit 31 and the 5-bit exponent and
/// 10-bit mantissa into the float's fields, so the float equals the half times 2^-112 — exactly, subnormals
/// included. The queries are pre-multiplied by 2^112 (<see cref="QueryScale"/>), so the products come out at the
/// true scale. Lengths must be multiples of 16 (rows are padded with zeros).
/// </remarks>
internal static class HalfDotProductKernels
{
    /// <summary>2^112: multiply queries by this before calling the kernels.</summary>
    public static readonly float QueryScale = BitConverter.UInt32BitsToSingle((127u + 112u) << 23);

    private const uint Mask = 0x8FFFE000u;

    public static readonly bool UseVector512 = Avx512F.IsSupported && Vector512.IsHardwareAccelerated;
    public static readonly bool UseVector256 = !UseVector512 && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>
    /// <c>c[i * ldc + j] = dot(a_i, b_j)</c> for i in 0..3 and j in 0..count−1 with half rows <c>a_i</c> and scaled
    /// float queries <c>b_j</c> (<c>j * bStride</c> floats apart); <paramref name="length"/> is a multiple of 16.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot4xN(ref ushort a0, ref ushort a1, ref ushort a2, ref ushort a3,
        ref float b, nint bStride, int count, int length, ref float c, nint ldc)
    {
        var n = (nuint)length;
        var j = 0;
        if (UseVector512)
        {
            for (; j + 4 <= count; j += 4)
                Dot4x4V512(ref a0, ref a1, ref a2, ref a3, ref Unsafe.Add(ref b, j * bStride), bStride, n, ref Unsafe.Add(ref c, j), ldc);
            for (; j < count; j++)
                Dot4x1V512(ref a0, ref a1, ref a2, ref a3, ref Unsafe.Add(ref b, j * bStride), n, ref Unsafe.Add(ref c, j), ldc);
        }
        else if (UseVector256)
        {
            for (; j < count; j++)
                Dot4x1V256(ref a0, ref a1, ref a2, ref a3, ref Unsafe.Add(ref b, j * bStride), n, ref Unsafe.Add(ref c, j), ldc);
        }
        else
        {
            for (; j < count; j++)
            {
                ref var bj = ref Unsafe.Add(ref b, j * bStride);
                Unsafe.Add(ref c, j) = Scalar(ref a0, ref bj, n);
                Unsafe.Add(ref c, ldc + j) = Scalar(ref a1, ref bj, n);
                Unsafe.Add(ref c, 2 * ldc + j) = Scalar(ref a2, ref bj, n);
                Unsafe.Add(ref c, 3 * ldc + j) = Scalar(ref a3, ref bj, n);
            }
        }
    }

    private static float Scalar(ref ushort a, ref float b, nuint length)
    {
        var sum = 0f;
        for (nuint k = 0; k < length; k++)
        {
            var bits = ((uint)(int)(short)Unsafe.Add(ref a, k) << 13) & Mask;
            sum = MathF.FusedMultiplyAdd(BitConverter.UInt32BitsToSingle(bits), Unsafe.Add(ref b, k), sum);
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Reduce4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d) =>
        Reduce4(a.GetLower() + a.GetUpper(), b.GetLower() + b.GetUpper(), c.GetLower() + c.GetUpper(), d.GetLower() + d.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Reduce4(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        var abcd = Avx.HorizontalAdd(Avx.HorizontalAdd(a, b), Avx.HorizontalAdd(c, d));
        return abcd.GetLower() + abcd.GetUpper();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Widen512(ref ushort row, nuint k)
    {
        var h = Avx512F.ConvertToVector512Int32(Vector256.LoadUnsafe(ref row, k).AsInt16());
        return (Vector512.ShiftLeft(h, 13).AsUInt32() & Vector512.Create(Mask)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Widen256(ref ushort row, nuint k)
    {
        var h = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref row, k).AsInt16());
        return (Vector256.ShiftLeft(h, 13).AsUInt32() & Vector256.Create(Mask)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x4V512(ref ushort a0, ref ushort a1, ref ushort a2, ref ushort a3,
        ref float b0, nint bStride, nuint length, ref float c, nint ldc)
    {
        ref var b1 = ref Unsafe.Add(ref b0, bStride);
        ref var b2 = ref Unsafe.Add(ref b1, bStride);
        ref var b3 = ref Unsafe.Add(ref b2, bStride);
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        for (nuint k = 0; k < length; k += 16)
        {
            var x0 = Vector512.LoadUnsafe(ref b0, k);
            var x1 = Vector512.LoadUnsafe(ref b1, k);
            var x2 = Vector512.LoadUnsafe(ref b2, k);
            var x3 = Vector512.LoadUnsafe(ref b3, k);
            var y = Widen512(ref a0, k);
            c00 = Vector512.FusedMultiplyAdd(y, x0, c00);
            c01 = Vector512.FusedMultiplyAdd(y, x1, c01);
            c02 = Vector512.FusedMultiplyAdd(y, x2, c02);
            c03 = Vector512.FusedMultiplyAdd(y, x3, c03);
            y = Widen512(ref a1, k);
            c10 = Vector512.FusedMultiplyAdd(y, x0, c10);
            c11 = Vector512.FusedMultiplyAdd(y, x1, c11);
            c12 = Vector512.FusedMultiplyAdd(y, x2, c12);
            c13 = Vector512.FusedMultiplyAdd(y, x3, c13);
            y = Widen512(ref a2, k);
            c20 = Vector512.FusedMultiplyAdd(y, x0, c20);
            c21 = Vector512.FusedMultiplyAdd(y, x1, c21);
            c22 = Vector512.FusedMultiplyAdd(y, x2, c22);
            c23 = Vector512.FusedMultiplyAdd(y, x3, c23);
            y = Widen512(ref a3, k);
            c30 = Vector512.FusedMultiplyAdd(y, x0, c30);
            c31 = Vector512.FusedMultiplyAdd(y, x1, c31);
            c32 = Vector512.FusedMultiplyAdd(y, x2, c32);
            c33 = Vector512.FusedMultiplyAdd(y, x3, c33);
        }
        Reduce4(c00, c01, c02, c03).StoreUnsafe(ref c);
        Reduce4(c10, c11, c12, c13).StoreUnsafe(ref Unsafe.Add(ref c, ldc));
        Reduce4(c20, c21, c22, c23).StoreUnsafe(ref Unsafe.Add(ref c, 2 * ldc));
        Reduce4(c30, c31, c32, c33).StoreUnsafe(ref Unsafe.Add(ref c, 3 * ldc));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x1V512(ref ushort a0, ref ushort a1, ref ushort a2, ref ushort a3,
        ref float b0, nuint length, ref float c, nint ldc)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (nuint k = 0; k < length; k += 16)
        {
            var x = Vector512.LoadUnsafe(ref b0, k);
            c0 = Vector512.FusedMultiplyAdd(Widen512(ref a0, k), x, c0);
            c1 = Vector512.FusedMultiplyAdd(Widen512(ref a1, k), x, c1);
            c2 = Vector512.FusedMultiplyAdd(Widen512(ref a2, k), x, c2);
            c3 = Vector512.FusedMultiplyAdd(Widen512(ref a3, k), x, c3);
        }
        var r = Reduce4(c0, c1, c2, c3);
        c = r.GetElement(0);
        Unsafe.Add(ref c, ldc) = r.GetElement(1);
        Unsafe.Add(ref c, 2 * ldc) = r.GetElement(2);
        Unsafe.Add(ref c, 3 * ldc) = r.GetElement(3);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x1V256(ref ushort a0, ref ushort a1, ref ushort a2, ref ushort a3,
        ref float b0, nuint length, ref float c, nint ldc)
    {
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
        for (nuint k = 0; k < length; k += 8)
        {
            var x = Vector256.LoadUnsafe(ref b0, k);
            c0 = Vector256.FusedMultiplyAdd(Widen256(ref a0, k), x, c0);
            c1 = Vector256.FusedMultiplyAdd(Widen256(ref a1, k), x, c1);
            c2 = Vector256.FusedMultiplyAdd(Widen256(ref a2, k), x, c2);
            c3 = Vector256.FusedMultiplyAdd(Widen256(ref a3, k), x, c3);
        }
        var r = Reduce4(c0, c1, c2, c3);
        c = r.GetElement(0);
        Unsafe.Add(ref c, ldc) = r.GetElement(1);
        Unsafe.Add(ref c, 2 * ldc) = r.GetElement(2);
        Unsafe.Add(ref c, 3 * ldc) = r.GetElement(3);
    }
}
