using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sly.Search.Clustering;

/// <summary>Checks and small shared passes over a row-major matrix given as memory plus a dimension.</summary>
internal static class VectorMatrix
{
    /// <summary>Rows per parallel work item: enough work to amortise scheduling, small enough to balance two cores.</summary>
    public const int BlockRows = 256;

    /// <summary>Number of rows; throws naming the parameters when the shape is not a whole number of finite rows.</summary>
    public static int RowCount(ReadOnlyMemory<float> vectors, int dimension, string vectorsName = "vectors", string dimensionName = "dimension")
    {
        if (dimension < 1)
            throw new ArgumentException($"The dimension must be at least 1; got {dimension}.", dimensionName);
        if (vectors.Length % dimension != 0)
            throw new ArgumentException($"The vectors must be whole rows of {dimension} floats (row-major); got {vectors.Length} floats.", vectorsName);
        foreach (var x in vectors.Span)
        {
            if (!float.IsFinite(x))
                throw new ArgumentException("The vectors must be finite; one has a NaN or infinite component.", vectorsName);
        }
        return vectors.Length / dimension;
    }

    public static ref float Row(ReadOnlySpan<float> data, int row, int dimension) =>
        ref Unsafe.Add(ref MemoryMarshal.GetReference(data), (nint)row * dimension);

    /// <summary>‖row‖² for every row.</summary>
    public static float[] SquaredNorms(ReadOnlyMemory<float> vectors, int count, int dimension, ParallelOptions parallel)
    {
        var norms = new float[count];
        Parallel.For(0, Blocks(count), parallel, block =>
        {
            var data = vectors.Span;
            var (start, end) = BlockRange(block, count);
            for (var i = start; i < end; i++)
                norms[i] = TensorPrimitives.SumOfSquares(data.Slice(i * dimension, dimension));
        });
        return norms;
    }

    public static int Blocks(int count) => (count + BlockRows - 1) / BlockRows;

    public static (int Start, int End) BlockRange(int block, int count) =>
        (block * BlockRows, Math.Min(count, (block + 1) * BlockRows));

    public static ParallelOptions Parallelism(int maxDegreeOfParallelism) =>
        new() { MaxDegreeOfParallelism = maxDegreeOfParallelism };
}
