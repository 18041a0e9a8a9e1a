using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sly.Search.Clustering;
using Sly.Search.VectorIndex;

namespace Sly.Search.Projections;

/// <summary>
/// 2-D principal component analysis of row-major float vectors: the plane a scatter plot of embeddings is drawn
/// in. Deterministic: same input, same coordinates, whatever the number of cores.
/// </summary>
/// <remarks>
/// <para>The covariance is one blocked pass over the data: chunks of 256 rows are centred and transposed
/// (features × rows) and the upper triangle of <c>XᵀX</c> is accumulated four features at a time by the
/// register-blocked SIMD dot-product kernel, per chunk in float and across chunks in double. Chunks are spread
/// over a fixed number of partial sums merged in order, so the sum does not depend on scheduling.</para>
/// <para>The top two eigenvectors come from subspace iteration with 16 vectors and Rayleigh–Ritz on the d × d
/// covariance, to a relative residual of 1e-7. Each component's largest-magnitude entry is made positive.</para>
/// </remarks>
public static class PcaProjection
{
    private const int ChunkRows = 256;
    private const int MaxPartialSums = 8;
    private const long PartialSumBudgetBytes = 256L << 20;
    private const int SubspaceSize = 16;
    private const int MaxIterations = 5000;
    private const double ResidualTolerance = 1e-7;

    /// <summary>Projects <paramref name="vectors"/> (row-major, <paramref name="dimension"/> floats per row) onto their top two principal components.</summary>
    /// <param name="vectors">The rows, at least one.</param>
    /// <param name="dimension">Floats per row.</param>
    /// <param name="maxDegreeOfParallelism">Cores to use; −1 for all.</param>
    /// <exception cref="ArgumentException">The vectors are not whole finite rows, there are none, or the degree of parallelism is 0 or below −1.</exception>
    public static PcaProjectionResult Fit(ReadOnlyMemory<float> vectors, int dimension, int maxDegreeOfParallelism = -1)
    {
        var n = VectorMatrix.RowCount(vectors, dimension);
        if (n == 0)
            throw new ArgumentException("PCA needs at least one vector; got none.", nameof(vectors));
        if (maxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentException($"The degree of parallelism must be −1 (all cores) or at least 1; got {maxDegreeOfParallelism}.", nameof(maxDegreeOfParallelism));
        var parallel = VectorMatrix.Parallelism(maxDegreeOfParallelism);
        var d = dimension;
        var mean = Mean(vectors, n, d, parallel);
        var covariance = Covariance(vectors, n, d, mean, parallel);
        double trace = 0;
        for (var f = 0; f < d; f++)
            trace += covariance[f * d + f];
        var (values, components) = TopEigenvectors(covariance, d, Math.Min(2, d));

        var first = new float[d];
        var second = new float[d];
        var variances = new double[2];
        for (var c = 0; c < components.Length; c++)
        {
            if (!(values[c] > 1e-12 * Math.Max(trace, double.Epsilon)))
                continue; // no variance along it: leave the component zero
            var target = c == 0 ? first : second;
            var largest = 0;
            for (var f = 1; f < d; f++)
            {
                if (Math.Abs(components[c][f]) > Math.Abs(components[c][largest]))
                    largest = f;
            }
            var sign = components[c][largest] < 0 ? -1 : 1;
            for (var f = 0; f < d; f++)
                target[f] = (float)(sign * components[c][f]);
            variances[c] = values[c];
        }

        var x = new float[n];
        var y = new float[n];
        var plane = new float[2 * d];
        first.CopyTo(plane, 0);
        second.CopyTo(plane, d);
        var offsetX = TensorPrimitives.Dot(mean, first);
        var offsetY = TensorPrimitives.Dot(mean, second);
        Parallel.For(0, VectorMatrix.Blocks(n), parallel, block =>
        {
            var data = vectors.Span;
            var (start, end) = VectorMatrix.BlockRange(block, n);
            Span<float> scratch = stackalloc float[8];
            for (var r = start; r < end; r += 4)
            {
                var valid = Math.Min(4, end - r);
                DotProductKernels.Dot4xN(ref VectorMatrix.Row(data, r, d), ref VectorMatrix.Row(data, valid > 1 ? r + 1 : r, d),
                    ref VectorMatrix.Row(data, valid > 2 ? r + 2 : r, d), ref VectorMatrix.Row(data, valid > 3 ? r + 3 : r, d),
                    ref plane[0], d, 2, d, ref MemoryMarshal.GetReference(scratch), 2);
                for (var a = 0; a < valid; a++)
                {
                    x[r + a] = scratch[2 * a] - offsetX;
                    y[r + a] = scratch[2 * a + 1] - offsetY;
                }
            }
        });
        return new PcaProjectionResult(x, y, mean, first, second, variances, trace);
    }

    private static float[] Mean(ReadOnlyMemory<float> vectors, int n, int d, ParallelOptions parallel)
    {
        var chunks = (n + ChunkRows - 1) / ChunkRows;
        var partial = new double[chunks * d];
        Parallel.For(0, chunks, parallel, () => new float[d], (chunk, _, sum) =>
        {
            var data = vectors.Span;
            sum.AsSpan().Clear();
            var end = Math.Min(n, (chunk + 1) * ChunkRows);
            for (var i = chunk * ChunkRows; i < end; i++)
                TensorPrimitives.Add(sum, data.Slice(i * d, d), sum);
            var target = partial.AsSpan(chunk * d, d);
            for (var f = 0; f < d; f++)
                target[f] = sum[f];
            return sum;
        }, _ => { });
        var total = new double[d];
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            for (var f = 0; f < d; f++)
                total[f] += partial[chunk * d + f];
        }
        var mean = new float[d];
        for (var f = 0; f < d; f++)
            mean[f] = (float)(total[f] / n);
        return mean;
    }

    /// <summary>The d × d sample covariance (divided by n − 1; zero for one row), row-major, both triangles filled.</summary>
    private static double[] Covariance(ReadOnlyMemory<float> vectors, int n, int d, float[] mean, ParallelOptions parallel)
    {
        var chunks = (n + ChunkRows - 1) / ChunkRows;
        var groups = (int)Math.Clamp(PartialSumBudgetBytes / ((long)d * d * sizeof(double)), 1, Math.Min(MaxPartialSums, chunks));
        var partials = new double[groups][];
        Parallel.For(0, groups, parallel, group => partials[group] = CovarianceGroup(vectors.Span, n, d, mean, chunks, groups, group));
        var covariance = partials[0];
        for (var group = 1; group < groups; group++)
        {
            var partial = partials[group];
            for (var e = 0; e < covariance.Length; e++)
                covariance[e] += partial[e];
        }
        var scale = n > 1 ? 1.0 / (n - 1) : 0;
        for (var i = 0; i < d; i++)
        {
            for (var j = i; j < d; j++)
            {
                var value = covariance[i * d + j] * scale;
                covariance[i * d + j] = value;
                covariance[j * d + i] = value;
            }
        }
        return covariance;
    }

    /// <summary>The upper triangle of Σ (x − mean)(x − mean)ᵀ over chunks group, group + groups, group + 2·groups, ….</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] CovarianceGroup(ReadOnlySpan<float> data, int n, int d, float[] mean, int chunks, int groups, int group)
    {
        var sum = new double[d * d];
        var tile = new float[d * ChunkRows];
        var scratch = new float[4 * d];
        for (var chunk = group; chunk < chunks; chunk += groups)
        {
            var start = chunk * ChunkRows;
            var rows = Math.Min(ChunkRows, n - start);
            for (var r = 0; r < rows; r++)
            {
                var row = data.Slice((start + r) * d, d);
                for (var f = 0; f < d; f++)
                    tile[f * ChunkRows + r] = row[f] - mean[f];
            }
            for (var i = 0; i < d; i += 4)
            {
                var count = d - i;
                DotProductKernels.Dot4xN(ref tile[i * ChunkRows], ref tile[Math.Min(i + 1, d - 1) * ChunkRows],
                    ref tile[Math.Min(i + 2, d - 1) * ChunkRows], ref tile[Math.Min(i + 3, d - 1) * ChunkRows],
                    ref tile[i * ChunkRows], ChunkRows, count, rows, ref scratch[0], count);
                for (var a = 0; a < 4 && i + a < d; a++)
                {
                    var target = sum.AsSpan((i + a) * d, d);
                    for (var j = a; j < count; j++)
                        target[i + j] += scratch[a * count + j];
                }
            }
        }
        return sum;
    }

    /// <summary>The <paramref name="count"/> largest eigenvalues of symmetric <paramref name="c"/> (d × d) and their unit eigenvectors.</summary>
    internal static (double[] Values, double[][] Vectors) TopEigenvectors(double[] c, int d, int count)
    {
        var p = Math.Min(d, Math.Max(count, SubspaceSize));
        var random = new SeededRandom(0x5eed);
        var v = new double[p][];
        for (var j = 0; j < p; j++)
        {
            v[j] = new double[d];
            for (var f = 0; f < d; f++)
                v[j][f] = random.NextDouble() - 0.5;
        }
        Orthonormalise(v);
        var z = new double[p][];
        for (var j = 0; j < p; j++)
            z[j] = new double[d];
        var values = new double[p];
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            Multiply(c, d, v, z);
            if (iteration % 5 != 0 && iteration != MaxIterations)
            {
                (v, z) = (z, v);
                Orthonormalise(v);
                continue;
            }
            // Rayleigh–Ritz: eigen-decompose H = Vᵀ C V, rotate V (and C V) onto the Ritz vectors, check residuals
            var h = new double[p, p];
            for (var i = 0; i < p; i++)
            {
                for (var j = 0; j < p; j++)
                    h[i, j] = TensorPrimitives.Dot<double>(v[i], z[j]);
            }
            for (var i = 0; i < p; i++)
            {
                for (var j = i + 1; j < p; j++)
                    h[i, j] = h[j, i] = 0.5 * (h[i, j] + h[j, i]);
            }
            var (ritz, s) = SymmetricEigen.Decompose(h);
            v = Rotate(v, s, d);
            z = Rotate(z, s, d);
            values = ritz;
            var scale = Math.Max(Math.Abs(ritz[0]), double.Epsilon);
            var done = true;
            for (var i = 0; i < count && done; i++)
            {
                double residual = 0;
                for (var f = 0; f < d; f++)
                {
                    var e = z[i][f] - ritz[i] * v[i][f];
                    residual += e * e;
                }
                done = Math.Sqrt(residual) <= ResidualTolerance * scale;
            }
            if (done || iteration == MaxIterations)
                break;
            (v, z) = (z, v);
            Orthonormalise(v);
        }
        return (values[..count], v[..count]);
    }

    private static void Multiply(double[] c, int d, double[][] v, double[][] result)
    {
        Parallel.For(0, v.Length, j =>
        {
            var target = result[j];
            for (var i = 0; i < d; i++)
                target[i] = TensorPrimitives.Dot<double>(c.AsSpan(i * d, d), v[j]);
        });
    }

    private static double[][] Rotate(double[][] v, double[,] s, int d)
    {
        var p = v.Length;
        var rotated = new double[p][];
        for (var j = 0; j < p; j++)
        {
            var target = rotated[j] = new double[d];
            for (var i = 0; i < p; i++)
            {
                var weight = s[i, j];
                if (weight != 0)
                    TensorPrimitives.MultiplyAdd<double>(v[i], weight, target, target);
            }
        }
        return rotated;
    }

    /// <summary>
    /// Gram–Schmidt with re-orthogonalisation. A vector that (numerically) lies in the span of the earlier ones —
    /// less than 1e-10 of it is left after projection — is replaced by the next unit axis, so the basis stays
    /// orthonormal even when the covariance has low rank.
    /// </summary>
    private static void Orthonormalise(double[][] v)
    {
        var axis = 0;
        for (var j = 0; j < v.Length; j++)
        {
            while (true)
            {
                var before = TensorPrimitives.Norm<double>(v[j]);
                for (var pass = 0; pass < 2; pass++)
                {
                    for (var i = 0; i < j; i++)
                    {
                        var projection = TensorPrimitives.Dot<double>(v[i], v[j]);
                        TensorPrimitives.MultiplyAdd<double>(v[i], -projection, v[j], v[j]);
                    }
                }
                var after = TensorPrimitives.Norm<double>(v[j]);
                if (after > 1e-10 * before && after > 0)
                {
                    TensorPrimitives.Divide<double>(v[j], after, v[j]);
                    break;
                }
                if (axis >= v[j].Length)
                {
                    Array.Clear(v[j]);
                    break;
                }
                Array.Clear(v[j]);
                v[j][axis++] = 1;
            }
        }
    }
}
