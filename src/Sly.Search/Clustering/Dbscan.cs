using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sly.Search.VectorIndex;

namespace Sly.Search.Clustering;

/// <summary>
/// DBSCAN with cosine distance (1 − cosine similarity) on row-major float vectors, labelled exactly as
/// scikit-learn's <c>DBSCAN(metric="cosine", algorithm="brute")</c> labels them.
/// </summary>
/// <remarks>
/// Region queries are brute force, as scikit-learn's are for more than 15 features: rows are L2-normalised (a
/// copy is made only when they are not unit already), and a block of 64 rows is dotted with tiles of 128 rows by
/// the register-blocked SIMD kernel; a pair is neighbouring when the dot product is ≥ 1 − eps. Only the upper
/// triangle of pairs is computed (the relation is symmetric). Blocks run in parallel. Neighbour lists are kept (as scikit-learn does), so memory grows with the number of neighbouring
/// pairs: a very large eps on a large set is refused rather than exhausting memory.
/// </remarks>
public static class Dbscan
{
    /// <summary>The label of points in no cluster.</summary>
    public const int Noise = -1;

    private const int BlockRows = 64;
    private const int TileRows = 128;
    private const long MaxNeighbourPairs = 1L << 30;
    private const int EpsSampleRows = 1000;

    /// <summary>Clusters <paramref name="vectors"/> (row-major, <paramref name="dimension"/> floats per row).</summary>
    /// <exception cref="ArgumentException">The vectors are not whole finite non-zero rows, an option is out of
    /// range, or eps admits more neighbouring pairs than fit in memory.</exception>
    public static DbscanResult Fit(ReadOnlyMemory<float> vectors, int dimension, DbscanOptions? options = null)
    {
        options ??= new DbscanOptions();
        options.Validate();
        var n = VectorMatrix.RowCount(vectors, dimension);
        var parallel = VectorMatrix.Parallelism(options.MaxDegreeOfParallelism);
        var unit = UnitRows(vectors, n, dimension);
        var eps = options.Eps ?? SuggestEpsOfUnitRows(unit, n, dimension, options.MinPoints, parallel);
        var (offsets, neighbours) = Neighbourhoods(unit, n, dimension, 1f - eps, parallel);

        var isCore = new bool[n];
        for (var i = 0; i < n; i++)
            isCore[i] = offsets[i + 1] - offsets[i] >= options.MinPoints;
        var labels = new int[n];
        Array.Fill(labels, Noise);
        var clusters = 0;
        var stack = new Stack<int>();
        for (var start = 0; start < n; start++)
        {
            if (labels[start] != Noise || !isCore[start])
                continue;
            // scikit-learn's dbscan_inner: depth-first expansion from each unlabelled core point in index order
            var i = start;
            while (true)
            {
                if (labels[i] == Noise)
                {
                    labels[i] = clusters;
                    if (isCore[i])
                    {
                        for (var at = offsets[i]; at < offsets[i + 1]; at++)
                        {
                            var v = neighbours[at];
                            if (labels[v] == Noise)
                                stack.Push(v);
                        }
                    }
                }
                if (stack.Count == 0)
                    break;
                i = stack.Pop();
            }
            clusters++;
        }
        return new DbscanResult(labels, isCore, clusters, eps, options.MinPoints);
    }

    /// <summary>
    /// An eps (cosine distance) for <see cref="Fit"/> from the data: the knee of the sorted k-distance curve, where
    /// the k-distance of a point is the cosine distance to its <paramref name="minPoints"/>-th nearest row (itself
    /// included, so exactly the radius that would make it a core point). Points inside clusters have small
    /// k-distances and noise large ones; the knee (the point of the normalised curve farthest below its chord) is
    /// where the curve turns from one to the other. Up to 1,000 evenly spaced rows are measured against all rows.
    /// </summary>
    /// <exception cref="ArgumentException">The vectors are not whole finite non-zero rows, or
    /// <paramref name="minPoints"/> is below 1.</exception>
    public static float SuggestEps(ReadOnlyMemory<float> vectors, int dimension, int minPoints = 5)
    {
        if (minPoints < 1)
            throw new ArgumentException($"The minimum number of points must be at least 1; got {minPoints}.", nameof(minPoints));
        var n = VectorMatrix.RowCount(vectors, dimension);
        var parallel = VectorMatrix.Parallelism(-1);
        return SuggestEpsOfUnitRows(UnitRows(vectors, n, dimension), n, dimension, minPoints, parallel);
    }

    private static float SuggestEpsOfUnitRows(ReadOnlyMemory<float> unit, int n, int d, int minPoints, ParallelOptions parallel)
    {
        if (n == 0)
            return 1f;
        var m = Math.Min(n, EpsSampleRows);
        var sample = new int[m];
        for (var s = 0; s < m; s++)
            sample[s] = (int)((long)s * n / m);
        var k = Math.Min(minPoints, n);
        var kDistances = new float[m];
        var groups = (m + 3) / 4;
        Parallel.For(0, groups, parallel, group => KDistanceGroup(unit.Span, n, d, k, sample, m, group, kDistances));
        Array.Sort(kDistances);
        var low = kDistances[0];
        var high = kDistances[^1];
        if (!(high > low))
            return Math.Clamp(high, 1e-6f, 2f);
        var knee = 0;
        var bestGap = double.NegativeInfinity;
        for (var i = 0; i < m; i++)
        {
            var x = m == 1 ? 0 : (double)i / (m - 1);
            var y = (kDistances[i] - low) / (double)(high - low);
            if (x - y > bestGap)
            {
                bestGap = x - y;
                knee = i;
            }
        }
        return Math.Clamp(kDistances[knee], 1e-6f, 2f);
    }

    /// <summary>k-distances of sample rows 4·group … 4·group+3: one minus their k-th largest dot product with any row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KDistanceGroup(ReadOnlySpan<float> data, int n, int d, int k, int[] sample, int m, int group, float[] kDistances)
    {
        Span<float> scratch = stackalloc float[4 * TileRows];
        var best = new float[4 * k]; // per sample row, its k largest dot products, descending
        best.AsSpan().Fill(float.NegativeInfinity);
        var first = group * 4;
        var valid = Math.Min(4, m - first);
        ref var a0 = ref VectorMatrix.Row(data, sample[first], d);
        ref var a1 = ref VectorMatrix.Row(data, sample[valid > 1 ? first + 1 : first], d);
        ref var a2 = ref VectorMatrix.Row(data, sample[valid > 2 ? first + 2 : first], d);
        ref var a3 = ref VectorMatrix.Row(data, sample[valid > 3 ? first + 3 : first], d);
        for (var tile = 0; tile < n; tile += TileRows)
        {
            var count = Math.Min(TileRows, n - tile);
            DotProductKernels.Dot4xN(ref a0, ref a1, ref a2, ref a3, ref VectorMatrix.Row(data, tile, d), d, count, d,
                ref MemoryMarshal.GetReference(scratch), count);
            for (var a = 0; a < valid; a++)
            {
                var top = best.AsSpan(a * k, k);
                foreach (var dot in scratch.Slice(a * count, count))
                {
                    if (dot <= top[k - 1])
                        continue;
                    var at = k - 1;
                    while (at > 0 && top[at - 1] < dot)
                    {
                        top[at] = top[at - 1];
                        at--;
                    }
                    top[at] = dot;
                }
            }
        }
        for (var a = 0; a < valid; a++)
            kDistances[first + a] = Math.Max(0f, 1f - best[a * k + k - 1]);
    }

    /// <summary>
    /// Neighbour lists in CSR form: row i's neighbours (itself included) ascending in
    /// <c>neighbours[offsets[i]..offsets[i+1])</c>. The relation is symmetric, so blocks compute only the upper
    /// triangle (pairs j &gt; i, half the dot products) in parallel, and one sequential pass mirrors them.
    /// </summary>
    private static (int[] Offsets, int[] Neighbours) Neighbourhoods(ReadOnlyMemory<float> unit, int n, int d, float minDot, ParallelOptions parallel)
    {
        var blocks = (n + BlockRows - 1) / BlockRows;
        var upperLists = new List<int>[blocks];
        var upperCounts = new int[blocks][];
        var pairs = new long[1];
        Parallel.For(0, blocks, parallel, block => UpperNeighbourBlock(unit.Span, n, d, minDot, block, upperLists, upperCounts, pairs));
        if (2 * pairs[0] + n > MaxNeighbourPairs)
            throw new ArgumentException($"Eps admits more than {MaxNeighbourPairs:N0} neighbouring pairs among {n:N0} points; use a smaller eps (cosine distance) or fewer points.", "options");

        // upper[i] = the neighbours j > i of row i, as the blocks found them
        var upperOffsets = new int[n + 1];
        var upper = new int[pairs[0]];
        var at = 0;
        for (var block = 0; block < blocks; block++)
        {
            var start = block * BlockRows;
            var counts = upperCounts[block];
            for (var r = 0; r < counts.Length; r++)
                upperOffsets[start + r + 1] = upperOffsets[start + r] + counts[r];
            upperLists[block].CopyTo(upper, at);
            at += upperLists[block].Count;
        }
        var degree = new int[n];
        for (var i = 0; i < n; i++)
        {
            degree[i] += 1 + upperOffsets[i + 1] - upperOffsets[i];
            for (var e = upperOffsets[i]; e < upperOffsets[i + 1]; e++)
                degree[upper[e]]++;
        }
        var offsets = new int[n + 1];
        for (var i = 0; i < n; i++)
            offsets[i + 1] = offsets[i] + degree[i];
        var neighbours = new int[offsets[n]];
        var cursor = offsets[..n];
        for (var i = 0; i < n; i++)
        {
            // every lower neighbour i' < i was placed while visiting i', so row i stays ascending
            neighbours[cursor[i]++] = i;
            for (var e = upperOffsets[i]; e < upperOffsets[i + 1]; e++)
            {
                var j = upper[e];
                neighbours[cursor[i]++] = j;
                neighbours[cursor[j]++] = i;
            }
        }
        return (offsets, neighbours);
    }

    /// <summary>The neighbours j &gt; i of each row i of one block, ascending; stops early once too many pairs were found.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpperNeighbourBlock(ReadOnlySpan<float> data, int n, int d, float minDot, int block, List<int>[] upperLists, int[][] upperCounts, long[] pairs)
    {
        var start = block * BlockRows;
        var end = Math.Min(n, start + BlockRows);
        var rows = end - start;
        var perRow = new List<int>[rows];
        for (var r = 0; r < rows; r++)
            perRow[r] = [];
        Span<float> scratch = stackalloc float[4 * TileRows];
        for (var tile = start; tile < n; tile += TileRows)
        {
            var count = Math.Min(TileRows, n - tile);
            ref var tileStart = ref VectorMatrix.Row(data, tile, d);
            for (var r = start; r < end; r += 4)
            {
                var valid = Math.Min(4, end - r);
                DotProductKernels.Dot4xN(ref VectorMatrix.Row(data, r, d), ref VectorMatrix.Row(data, valid > 1 ? r + 1 : r, d),
                    ref VectorMatrix.Row(data, valid > 2 ? r + 2 : r, d), ref VectorMatrix.Row(data, valid > 3 ? r + 3 : r, d),
                    ref tileStart, d, count, d, ref MemoryMarshal.GetReference(scratch), count);
                for (var a = 0; a < valid; a++)
                {
                    var i = r + a;
                    var list = perRow[i - start];
                    var dots = scratch.Slice(a * count, count);
                    for (var j = Math.Max(0, i + 1 - tile); j < dots.Length; j++)
                    {
                        if (dots[j] >= minDot)
                            list.Add(tile + j);
                    }
                }
            }
            if (Interlocked.Read(ref pairs[0]) > MaxNeighbourPairs)
                return;
        }
        var counts = new int[rows];
        var flat = new List<int>();
        for (var r = 0; r < rows; r++)
        {
            counts[r] = perRow[r].Count;
            flat.AddRange(perRow[r]);
        }
        upperLists[block] = flat;
        upperCounts[block] = counts;
        Interlocked.Add(ref pairs[0], flat.Count);
    }

    /// <summary>The rows themselves when every row is unit length already (as from a vector index), else a normalised copy.</summary>
    internal static ReadOnlyMemory<float> UnitRows(ReadOnlyMemory<float> vectors, int n, int d)
    {
        var span = vectors.Span;
        var allUnit = true;
        for (var i = 0; i < n && allUnit; i++)
        {
            var squared = TensorPrimitives.SumOfSquares(span.Slice(i * d, d));
            allUnit = Math.Abs(squared - 1f) <= 1e-5f;
        }
        if (allUnit)
            return vectors;
        var copy = new float[n * d];
        for (var i = 0; i < n; i++)
            UnitVectors.Normalize(span.Slice(i * d, d), copy.AsSpan(i * d, d), "vectors", i);
        return copy;
    }
}
