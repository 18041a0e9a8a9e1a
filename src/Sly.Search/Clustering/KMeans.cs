using System.Diagnostics;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sly.Search.VectorIndex;

namespace Sly.Search.Clustering;

/// <summary>
/// k-means clustering of row-major float vectors: greedy k-means++ seeding, then Lloyd iterations (or mini-batch
/// steps), as scikit-learn's <c>KMeans</c> / <c>MiniBatchKMeans</c> define them, deterministic for a seed.
/// </summary>
/// <remarks>
/// <para>The assignment step is a blocked GEMM: for a block of 256 rows (kept in L2) and a tile of centroids
/// (≤ 256 KB), four rows at a time are dotted with every centroid of the tile by a register-blocked SIMD kernel,
/// and the nearest centroid is the one maximising <c>x·c − ‖c‖²/2</c>. The update step is fused into the same
/// pass: while a block is in cache its rows are added to per-chunk float sums (chunks of ≥ 8,192 rows, fixed by
/// the data size, not the core count), merged in chunk order in double. Chunks run in parallel. Every reduction
/// has a fixed order, so results do not depend on the number of cores.</para>
/// <para>Empty clusters are repaired as scikit-learn does: each takes the point farthest from its centroid.</para>
/// <para>Mini-batch mode follows scikit-learn's <c>MiniBatchKMeans</c> (seeding on 3 × batch points, per-centroid
/// learning rates, early stop on the smoothed batch inertia) but does not reassign small clusters.</para>
/// </remarks>
public static class KMeans
{
    private const int CentroidTileBytes = 256 * 1024;
    private const int MaxNoImprovement = 10;
    private const int SumChunkRows = 8192;
    private const long SumBudgetFloats = 32L << 20;

    /// <summary>Clusters <paramref name="vectors"/> (row-major, <paramref name="dimension"/> floats per row).</summary>
    /// <exception cref="ArgumentException">The vectors are not whole finite rows, or an option is out of range
    /// (the message names it and the allowed range).</exception>
    public static KMeansResult Fit(ReadOnlyMemory<float> vectors, int dimension, KMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var n = VectorMatrix.RowCount(vectors, dimension);
        options.Validate(n);
        var parallel = VectorMatrix.Parallelism(options.MaxDegreeOfParallelism);
        var norms = VectorMatrix.SquaredNorms(vectors, n, dimension, parallel);
        var tolerance = options.Tolerance * MeanFeatureVariance(vectors.Span, n, dimension);
        KMeansResult? best = null;
        for (var run = 0; run < options.Initializations; run++)
        {
            var result = FitOnce(vectors, norms, n, dimension, options, options.Seed + run, tolerance, parallel);
            if (best is null || result.Inertia < best.Inertia)
                best = result;
        }
        return best!;
    }

    private static KMeansResult FitOnce(ReadOnlyMemory<float> vectors, float[] norms, int n, int dimension, KMeansOptions options, long seed,
        double tolerance, ParallelOptions parallel)
    {
        var k = options.ClusterCount;
        var clock = Stopwatch.StartNew();
        var random = new SeededRandom(seed);

        float[] centroids;
        if (options.MiniBatchSize is { } batchSize)
        {
            // scikit-learn seeds mini-batch k-means on a random subset of 3 × batch size points (at least 3k)
            var initSize = Math.Min(n, Math.Max(3L * batchSize, 3L * k));
            var subset = SampleWithoutReplacement(random, n, (int)initSize);
            Array.Sort(subset);
            var (rows, rowNorms) = Gather(vectors.Span, norms, subset, dimension);
            centroids = SeedPlusPlus(rows, rowNorms, subset.Length, dimension, k, random, parallel);
        }
        else
        {
            centroids = SeedPlusPlus(vectors, norms, n, dimension, k, random, parallel);
        }
        var seedingTime = clock.Elapsed;
        clock.Restart();

        var labels = new int[n];
        var distances = new float[n];
        int iterations;
        bool converged;
        if (options.MiniBatchSize is { } size)
        {
            (iterations, converged) = MiniBatch(vectors, norms, n, dimension, centroids, k, size, options.MaxIterations, tolerance, random, parallel);
            Assign(vectors, norms, n, dimension, centroids, k, labels, distances, parallel);
        }
        else
        {
            (iterations, converged) = Lloyd(vectors, norms, n, dimension, ref centroids, k, options.MaxIterations, tolerance, labels, distances, parallel);
        }
        var inertia = Inertia(vectors, n, dimension, centroids, labels, parallel);
        return new KMeansResult(labels, centroids, k, dimension, inertia, iterations, converged, seedingTime, clock.Elapsed);
    }

    private static (int Iterations, bool Converged) Lloyd(ReadOnlyMemory<float> vectors, float[] norms, int n, int d, ref float[] centroids, int k,
        int maxIterations, double tolerance, int[] labels, float[] distances, ParallelOptions parallel)
    {
        var previous = new int[n];
        Array.Fill(previous, -1);
        var next = new float[centroids.Length];
        var strict = false;
        var converged = false;
        var iteration = 0;
        while (iteration < maxIterations)
        {
            iteration++;
            var sums = AssignAndSum(vectors, norms, n, d, centroids, k, labels, distances, parallel);
            UpdateCentroids(vectors.Span, n, d, labels, distances, k, sums, next);
            var shift = SquaredShift(centroids, next);
            (centroids, next) = (next, centroids);
            if (labels.AsSpan().SequenceEqual(previous))
            {
                strict = converged = true;
                break;
            }
            if (shift <= tolerance)
            {
                converged = true;
                break;
            }
            labels.CopyTo(previous, 0);
        }
        if (!strict)
            Assign(vectors, norms, n, d, centroids, k, labels, distances, parallel); // labels of the final centroids
        return (iteration, converged);
    }

    private static (int Steps, bool Converged) MiniBatch(ReadOnlyMemory<float> vectors, float[] norms, int n, int d, float[] centroids, int k,
        int batchSize, int maxIterations, double tolerance, SeededRandom random, ParallelOptions parallel)
    {
        var b = Math.Min(batchSize, n);
        var steps = (int)Math.Clamp((long)maxIterations * n / b, 1, int.MaxValue);
        var counts = new double[k];
        var batch = new float[b * d];
        var batchNorms = new float[b];
        var batchLabels = new int[b];
        var batchDistances = new float[b];
        var sums = new double[k * d];
        var members = new int[k];
        var alpha = Math.Min(1.0, 2.0 * b / (n + 1));
        double? smoothed = null;
        var best = double.PositiveInfinity;
        var noImprovement = 0;
        var data = vectors.Span;
        for (var step = 0; step < steps; step++)
        {
            for (var i = 0; i < b; i++)
            {
                var row = random.NextInt(n);
                data.Slice(row * d, d).CopyTo(batch.AsSpan(i * d, d));
                batchNorms[i] = norms[row];
            }
            Assign(batch, batchNorms, b, d, centroids, k, batchLabels, batchDistances, parallel);
            double batchInertia = 0;
            foreach (var distance in batchDistances)
                batchInertia += distance;
            batchInertia /= b;

            Array.Clear(sums);
            Array.Clear(members);
            for (var i = 0; i < b; i++)
            {
                var label = batchLabels[i];
                members[label]++;
                var row = batch.AsSpan(i * d, d);
                var sum = sums.AsSpan(label * d, d);
                for (var f = 0; f < d; f++)
                    sum[f] += row[f];
            }
            double shift = 0;
            for (var j = 0; j < k; j++)
            {
                if (members[j] == 0)
                    continue;
                var centroid = centroids.AsSpan(j * d, d);
                var sum = sums.AsSpan(j * d, d);
                var total = counts[j] + members[j];
                for (var f = 0; f < d; f++)
                {
                    var moved = (float)((centroid[f] * counts[j] + sum[f]) / total);
                    var delta = moved - centroid[f];
                    shift += delta * delta;
                    centroid[f] = moved;
                }
                counts[j] = total;
            }

            if (step == 0)
                continue; // the first batch's inertia measures the seeding, not an improvement (as scikit-learn)
            if (tolerance > 0 && shift <= tolerance)
                return (step + 1, true);
            smoothed = smoothed is { } s ? s * (1 - alpha) + batchInertia * alpha : batchInertia;
            if (smoothed < best)
            {
                best = smoothed.Value;
                noImprovement = 0;
            }
            else if (++noImprovement >= MaxNoImprovement)
            {
                return (step + 1, true);
            }
        }
        return (steps, false);
    }

    /// <summary>Nearest centroid of every row and its squared distance (ties to the lower centroid index).</summary>
    internal static void Assign(ReadOnlyMemory<float> vectors, float[] norms, int n, int d, float[] centroids, int k,
        int[] labels, float[] distances, ParallelOptions parallel)
    {
        var halfNorms = HalfSquaredNorms(centroids, k, d);
        var tile = Math.Clamp(CentroidTileBytes / (d * sizeof(float)), 4, 1024);
        Parallel.For(0, VectorMatrix.Blocks(n), parallel, block =>
            AssignBlock(vectors.Span, norms, n, d, centroids, k, halfNorms, tile, block, labels, distances));
    }

    /// <summary>
    /// <see cref="Assign"/> fused with the update step's sums: rows are taken in fixed chunks (the same whatever the
    /// number of cores), and each chunk adds its rows, while they are in cache, to its own float sums per cluster.
    /// </summary>
    private static ChunkSums AssignAndSum(ReadOnlyMemory<float> vectors, float[] norms, int n, int d, float[] centroids, int k,
        int[] labels, float[] distances, ParallelOptions parallel)
    {
        var halfNorms = HalfSquaredNorms(centroids, k, d);
        var tile = Math.Clamp(CentroidTileBytes / (d * sizeof(float)), 4, 1024);
        var chunkRows = (int)Math.Max(SumChunkRows, (long)n * k * d / SumBudgetFloats + 1);
        chunkRows = (chunkRows + VectorMatrix.BlockRows - 1) / VectorMatrix.BlockRows * VectorMatrix.BlockRows;
        var chunks = (n + chunkRows - 1) / chunkRows;
        var sums = new ChunkSums(chunks, new float[(long)chunks * k * d], new int[chunks * k]);
        Parallel.For(0, chunks, parallel, chunk =>
            AssignAndSumChunk(vectors.Span, norms, n, d, centroids, k, halfNorms, tile, chunk * chunkRows, Math.Min(n, (chunk + 1) * chunkRows),
                labels, distances, sums.Sums.AsSpan(chunk * k * d, k * d), sums.Counts.AsSpan(chunk * k, k)));
        return sums;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AssignAndSumChunk(ReadOnlySpan<float> data, float[] norms, int n, int d, float[] centroids, int k, float[] halfNorms, int tile,
        int start, int end, int[] labels, float[] distances, Span<float> sums, Span<int> counts)
    {
        for (var block = start / VectorMatrix.BlockRows; block * VectorMatrix.BlockRows < end; block++)
        {
            AssignBlock(data, norms, n, d, centroids, k, halfNorms, tile, block, labels, distances);
            var (blockStart, blockEnd) = VectorMatrix.BlockRange(block, n);
            for (var i = blockStart; i < blockEnd; i++)
            {
                AddInPlace(sums.Slice(labels[i] * d, d), data.Slice(i * d, d));
                counts[labels[i]]++;
            }
        }
    }

    // The per-row helpers below are ours rather than TensorPrimitives' so that they are compiled fully optimised on
    // first call: a fit in a fresh process would otherwise spend its first iterations in not-yet-tiered library code
    // (measured: 40 ms instead of 15 ms per k = 10 iteration on 100k × 512).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddInPlace(Span<float> sum, ReadOnlySpan<float> row)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var sums = MemoryMarshal.Cast<float, Vector<float>>(sum);
            var rows = MemoryMarshal.Cast<float, Vector<float>>(row);
            for (var v = 0; v < sums.Length; v++)
                sums[v] += rows[v];
            i = sums.Length * Vector<float>.Count;
        }
        for (; i < sum.Length; i++)
            sum[i] += row[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var total = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc = Vector<float>.Zero;
            for (var v = 0; v < va.Length; v++)
            {
                var delta = va[v] - vb[v];
                acc += delta * delta;
            }
            total = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < a.Length; i++)
        {
            var delta = a[i] - b[i];
            total += delta * delta;
        }
        return total;
    }

    private static float[] HalfSquaredNorms(float[] centroids, int k, int d)
    {
        var halfNorms = new float[k];
        for (var j = 0; j < k; j++)
            halfNorms[j] = 0.5f * TensorPrimitives.SumOfSquares(centroids.AsSpan(j * d, d));
        return halfNorms;
    }

    /// <summary>Per-chunk float sums (chunk × k × d) and member counts (chunk × k) of one assignment pass.</summary>
    private sealed record ChunkSums(int Chunks, float[] Sums, int[] Counts);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AssignBlock(ReadOnlySpan<float> data, float[] norms, int n, int d, float[] centroids, int k, float[] halfNorms, int tile,
        int block, int[] labels, float[] distances)
    {
        var (start, end) = VectorMatrix.BlockRange(block, n);
        Span<float> scratch = stackalloc float[4 * tile];
        Span<float> best = stackalloc float[VectorMatrix.BlockRows];
        Span<int> bestIndex = stackalloc int[VectorMatrix.BlockRows];
        best.Fill(float.PositiveInfinity);
        for (var first = 0; first < k; first += tile)
        {
            var count = Math.Min(tile, k - first);
            ref var centroidTile = ref centroids[first * d];
            for (var r = start; r < end; r += 4)
            {
                var valid = Math.Min(4, end - r);
                ref var x0 = ref VectorMatrix.Row(data, r, d);
                ref var x1 = ref VectorMatrix.Row(data, valid > 1 ? r + 1 : r, d);
                ref var x2 = ref VectorMatrix.Row(data, valid > 2 ? r + 2 : r, d);
                ref var x3 = ref VectorMatrix.Row(data, valid > 3 ? r + 3 : r, d);
                DotProductKernels.Dot4xN(ref x0, ref x1, ref x2, ref x3, ref centroidTile, d, count, d, ref MemoryMarshal.GetReference(scratch), count);
                for (var a = 0; a < valid; a++)
                {
                    // ‖x − c‖² = ‖x‖² + 2(‖c‖²/2 − x·c): the nearest centroid minimises ‖c‖²/2 − x·c (first index on ties)
                    var products = scratch.Slice(a * count, count);
                    var tileNorms = halfNorms.AsSpan(first, count);
                    var slot = r - start + a;
                    var min = best[slot];
                    var at = -1;
                    for (var j = 0; j < products.Length; j++)
                    {
                        var value = tileNorms[j] - products[j];
                        if (value < min)
                        {
                            min = value;
                            at = j;
                        }
                    }
                    if (at >= 0)
                    {
                        best[slot] = min;
                        bestIndex[slot] = first + at;
                    }
                }
            }
        }
        for (var i = start; i < end; i++)
        {
            labels[i] = bestIndex[i - start];
            distances[i] = Math.Max(0f, norms[i] + 2f * best[i - start]);
        }
    }

    /// <summary>
    /// Writes each cluster's mean into <paramref name="next"/> from the per-chunk sums of the assignment pass
    /// (merged in chunk order, in double). An empty cluster takes the point farthest from its centroid (farthest
    /// first, ties to the lower index), which then leaves its old cluster's mean, as scikit-learn relocates them.
    /// </summary>
    private static void UpdateCentroids(ReadOnlySpan<float> data, int n, int d, int[] labels, float[] distances, int k, ChunkSums sums, float[] next)
    {
        var total = new double[k * d];
        var counts = new long[k];
        for (var chunk = 0; chunk < sums.Chunks; chunk++)
        {
            var chunkSums = sums.Sums.AsSpan(chunk * k * d, k * d);
            for (var e = 0; e < total.Length; e++)
                total[e] += chunkSums[e];
            for (var j = 0; j < k; j++)
                counts[j] += sums.Counts[chunk * k + j];
        }
        var empty = 0;
        foreach (var count in counts)
        {
            if (count == 0)
                empty++;
        }
        if (empty > 0)
        {
            var farthest = new int[n];
            for (var i = 0; i < n; i++)
                farthest[i] = i;
            Array.Sort(farthest, (a, b) => distances[b] != distances[a] ? distances[b].CompareTo(distances[a]) : a.CompareTo(b));
            var taken = 0;
            for (var j = 0; j < k; j++)
            {
                if (counts[j] != 0)
                    continue;
                var point = farthest[taken++];
                var row = data.Slice(point * d, d);
                var old = labels[point];
                if (counts[old] > 1)
                {
                    for (var f = 0; f < d; f++)
                        total[old * d + f] -= row[f];
                    counts[old]--;
                }
                for (var f = 0; f < d; f++)
                    total[j * d + f] = row[f];
                counts[j] = 1;
            }
        }
        for (var j = 0; j < k; j++)
        {
            if (counts[j] == 0)
                continue; // more empty clusters than points: keep the centroid
            for (var f = 0; f < d; f++)
                next[j * d + f] = (float)(total[j * d + f] / counts[j]);
        }
    }

    private static double SquaredShift(float[] before, float[] after)
    {
        double shift = 0;
        for (var i = 0; i < before.Length; i++)
        {
            double delta = after[i] - before[i];
            shift += delta * delta;
        }
        return shift;
    }

    /// <summary>Σ ‖x − c(x)‖², summed per block in double and over blocks in order.</summary>
    internal static double Inertia(ReadOnlyMemory<float> vectors, int n, int d, float[] centroids, int[] labels, ParallelOptions parallel)
    {
        var partial = new double[VectorMatrix.Blocks(n)];
        Parallel.For(0, partial.Length, parallel, block =>
        {
            var data = vectors.Span;
            var (start, end) = VectorMatrix.BlockRange(block, n);
            double sum = 0;
            for (var i = start; i < end; i++)
                sum += SquaredDistance(data.Slice(i * d, d), centroids.AsSpan(labels[i] * d, d));
            partial[block] = sum;
        });
        double total = 0;
        foreach (var sum in partial)
            total += sum;
        return total;
    }

    /// <summary>
    /// Greedy k-means++ (Arthur &amp; Vassilvitskii, with scikit-learn's 2 + ⌊ln k⌋ local trials): the first centre is
    /// a uniform pick; each next one is the best, by resulting potential, of several candidates drawn with
    /// probability proportional to the squared distance to the nearest centre so far.
    /// </summary>
    private static float[] SeedPlusPlus(ReadOnlyMemory<float> vectors, float[] norms, int n, int d, int k, SeededRandom random, ParallelOptions parallel)
    {
        var centers = new float[k * d];
        var trials = 2 + (int)Math.Log(k);
        var first = random.NextInt(n);
        vectors.Span.Slice(first * d, d).CopyTo(centers);
        var closest = new float[n];
        var candidateDistances = new float[n * 1];
        var potentials = DistancesToCandidates(vectors, norms, n, d, centers.AsSpan(0, d).ToArray(), 1, null, candidateDistances, parallel);
        candidateDistances.CopyTo(closest, 0);
        var potential = potentials[0];

        var cumulative = new double[n];
        var candidates = new float[trials * d];
        var candidateIndex = new int[trials];
        candidateDistances = new float[trials * n];
        for (var c = 1; c < k; c++)
        {
            double running = 0;
            for (var i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }
            for (var t = 0; t < trials; t++)
            {
                var target = random.NextDouble() * potential;
                var at = Array.BinarySearch(cumulative, target);
                if (at < 0)
                    at = ~at;
                else
                    while (at > 0 && cumulative[at - 1] == target)
                        at--; // leftmost, as numpy's searchsorted
                candidateIndex[t] = Math.Min(at, n - 1);
                vectors.Span.Slice(candidateIndex[t] * d, d).CopyTo(candidates.AsSpan(t * d, d));
            }
            potentials = DistancesToCandidates(vectors, norms, n, d, candidates, trials, closest, candidateDistances, parallel);
            var bestTrial = 0;
            for (var t = 1; t < trials; t++)
            {
                if (potentials[t] < potentials[bestTrial])
                    bestTrial = t;
            }
            potential = potentials[bestTrial];
            var chosen = candidateDistances.AsSpan(bestTrial * n, n);
            TensorPrimitives.Min(closest, chosen, closest);
            candidates.AsSpan(bestTrial * d, d).CopyTo(centers.AsSpan(c * d, d));
        }
        return centers;
    }

    /// <summary>
    /// Squared distances of every row to each candidate (<c>distances[t * n + i]</c>) and, per candidate, the
    /// potential Σ min(closest, distance) (Σ distance when <paramref name="closest"/> is null).
    /// </summary>
    private static double[] DistancesToCandidates(ReadOnlyMemory<float> vectors, float[] norms, int n, int d, float[] candidates, int count,
        float[]? closest, float[] distances, ParallelOptions parallel)
    {
        var candidateNorms = new float[count];
        for (var t = 0; t < count; t++)
            candidateNorms[t] = TensorPrimitives.SumOfSquares(candidates.AsSpan(t * d, d));
        var blocks = VectorMatrix.Blocks(n);
        var partial = new double[blocks * count];
        Parallel.For(0, blocks, parallel, block =>
            CandidateBlock(vectors.Span, norms, n, d, candidates, count, candidateNorms, closest, distances, partial, block));
        var potentials = new double[count];
        for (var block = 0; block < blocks; block++)
        {
            for (var t = 0; t < count; t++)
                potentials[t] += partial[block * count + t];
        }
        return potentials;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CandidateBlock(ReadOnlySpan<float> data, float[] norms, int n, int d, float[] candidates, int count, float[] candidateNorms,
        float[]? closest, float[] distances, double[] partial, int block)
    {
        var (start, end) = VectorMatrix.BlockRange(block, n);
        Span<float> scratch = stackalloc float[4 * count];
        var sums = partial.AsSpan(block * count, count);
        for (var r = start; r < end; r += 4)
        {
            var valid = Math.Min(4, end - r);
            DotProductKernels.Dot4xN(ref VectorMatrix.Row(data, r, d), ref VectorMatrix.Row(data, valid > 1 ? r + 1 : r, d),
                ref VectorMatrix.Row(data, valid > 2 ? r + 2 : r, d), ref VectorMatrix.Row(data, valid > 3 ? r + 3 : r, d),
                ref candidates[0], d, count, d, ref MemoryMarshal.GetReference(scratch), count);
            for (var a = 0; a < valid; a++)
            {
                var i = r + a;
                for (var t = 0; t < count; t++)
                {
                    var distance = Math.Max(0f, norms[i] + candidateNorms[t] - 2f * scratch[a * count + t]);
                    distances[t * n + i] = distance;
                    sums[t] += closest is null ? distance : Math.Min(distance, closest[i]);
                }
            }
        }
    }

    /// <summary>Mean over features of the per-feature variance (scikit-learn's scale for the tolerance).</summary>
    private static double MeanFeatureVariance(ReadOnlySpan<float> data, int n, int d)
    {
        var mean = new double[d];
        var squares = new double[d];
        for (var i = 0; i < n; i++)
        {
            var row = data.Slice(i * d, d);
            for (var f = 0; f < d; f++)
            {
                mean[f] += row[f];
                squares[f] += (double)row[f] * row[f];
            }
        }
        double total = 0;
        for (var f = 0; f < d; f++)
        {
            var m = mean[f] / n;
            total += Math.Max(0, squares[f] / n - m * m);
        }
        return total / d;
    }

    private static int[] SampleWithoutReplacement(SeededRandom random, int n, int count)
    {
        var pool = new int[n];
        for (var i = 0; i < n; i++)
            pool[i] = i;
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextInt(n - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..count];
    }

    private static (float[] Rows, float[] Norms) Gather(ReadOnlySpan<float> data, float[] norms, int[] rows, int d)
    {
        var gathered = new float[rows.Length * d];
        var gatheredNorms = new float[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            data.Slice(rows[i] * d, d).CopyTo(gathered.AsSpan(i * d, d));
            gatheredNorms[i] = norms[rows[i]];
        }
        return (gathered, gatheredNorms);
    }
}
