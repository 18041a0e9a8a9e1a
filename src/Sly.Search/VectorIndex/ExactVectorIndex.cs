using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sly.Search.VectorIndex;

/// <summary>
/// An in-memory <see cref="IVectorIndex"/> answering every search exactly (brute force). At notebook scale
/// (≤ ~1M × 512) a scan is memory-bandwidth bound, so it is built to read each row once per request:
/// <list type="bullet">
/// <item>rows are contiguous, 64-byte aligned and zero-padded float32 (optionally also half precision, see
/// <see cref="VectorStorage"/>), in segments so growing never copies the matrix; a removal moves the last row
/// into the hole;</item>
/// <item>all queries of a request are scored in one pass: four rows at a time are dotted with every query by a
/// register-blocked SIMD kernel (AVX-512 or AVX2 FMA; <see cref="TensorPrimitives"/> elsewhere), so a row is
/// loaded from memory once however many queries there are;</item>
/// <item>each query keeps a bounded min-heap of its best <c>limit</c> hits, and most rows are rejected by one
/// comparison with the heap's floor;</item>
/// <item>a dataset filter costs one comparison per row, an id filter scans only the rows of those ids, and
/// nothing is copied;</item>
/// <item>large scans are split into row blocks across cores, and the per-core heaps merged.</item>
/// </list>
/// Searches run concurrently with each other; writes wait for running searches and block new ones
/// (a <see cref="ReaderWriterLockSlim"/>).
/// </summary>
public sealed class ExactVectorIndex : IVectorIndex
{
    private const int BlockRows = 4096;
    private const long ParallelWork = 32 * 1024;
    private const int ScratchQueries = 64;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly RowStore<float> _rows;
    private readonly RowStore<Half>? _halfRows;
    private readonly Dictionary<long, int> _rowOf = [];
    private readonly int _initialCapacity;
    private long[] _ids;
    private long[] _datasets;
    private int _count;
    private int _fullPrecisionRescans;

    /// <summary>An empty index of <paramref name="dimension"/>-component vectors.</summary>
    /// <param name="dimension">Components per vector, at least 1.</param>
    /// <param name="storage">How vectors are kept and scanned.</param>
    /// <param name="initialCapacity">Points to make room for up front (the index grows as needed).</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public ExactVectorIndex(int dimension, VectorStorage storage = VectorStorage.Float32, int initialCapacity = 1024)
    {
        if (dimension < 1)
            throw new ArgumentException($"The dimension must be at least 1; got {dimension}.", nameof(dimension));
        if (!Enum.IsDefined(storage))
            throw new ArgumentException($"The storage must be {nameof(VectorStorage.Float32)} or {nameof(VectorStorage.Float16WithRescore)}; got {storage}.", nameof(storage));
        if (initialCapacity < 0)
            throw new ArgumentException($"The initial capacity must be 0 or more; got {initialCapacity}.", nameof(initialCapacity));
        Dimension = dimension;
        Storage = storage;
        _initialCapacity = initialCapacity;
        _rows = new RowStore<float>(dimension, initialCapacity);
        if (storage == VectorStorage.Float16WithRescore)
            _halfRows = new RowStore<Half>(_rows.Stride, initialCapacity);
        _ids = new long[Math.Max(16, initialCapacity)];
        _datasets = new long[_ids.Length];
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>Queries of <see cref="VectorStorage.Float16WithRescore"/> searches that had to be redone in float32.</summary>
    internal int FullPrecisionRescans => Volatile.Read(ref _fullPrecisionRescans);

    /// <summary>How vectors are kept and scanned.</summary>
    public VectorStorage Storage { get; }

    /// <inheritdoc />
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyCollection<long> Ids
    {
        get
        {
            _lock.EnterReadLock();
            long[] ids;
            try
            {
                ids = _ids.AsSpan(0, _count).ToArray();
            }
            finally
            {
                _lock.ExitReadLock();
            }
            Array.Sort(ids);
            return ids;
        }
    }

    /// <inheritdoc />
    public void Upsert(long id, long datasetId, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimension)
            throw new ArgumentException($"The vector must have {Dimension} components (the index dimension); got {vector.Length}.", nameof(vector));
        var unit = new float[Dimension];
        UnitVectors.Normalize(vector, unit, nameof(vector));
        _lock.EnterWriteLock();
        try
        {
            Store(id, datasetId, unit);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public void UpsertBatch(ReadOnlySpan<long> ids, ReadOnlySpan<long> datasetIds, ReadOnlySpan<float> vectors)
    {
        if (datasetIds.Length != ids.Length)
            throw new ArgumentException($"There must be one dataset id per id ({ids.Length}); got {datasetIds.Length}.", nameof(datasetIds));
        if (vectors.Length != (long)ids.Length * Dimension)
            throw new ArgumentException($"The vectors must hold ids × dimension = {ids.Length} × {Dimension} = {(long)ids.Length * Dimension} floats; got {vectors.Length}.", nameof(vectors));
        var units = new float[vectors.Length];
        for (var i = 0; i < ids.Length; i++)
            UnitVectors.Normalize(vectors.Slice(i * Dimension, Dimension), units.AsSpan(i * Dimension, Dimension), nameof(vectors), i);
        _lock.EnterWriteLock();
        try
        {
            for (var i = 0; i < ids.Length; i++)
                Store(ids[i], datasetIds[i], units.AsSpan(i * Dimension, Dimension));
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public bool Remove(long id)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_rowOf.Remove(id, out var row))
                return false;
            var last = _count - 1;
            if (row != last)
            {
                _rows.CopyRow(last, row);
                _halfRows?.CopyRow(last, row);
                _ids[row] = _ids[last];
                _datasets[row] = _datasets[last];
                _rowOf[_ids[row]] = row;
            }
            _count = last;
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public void Clear()
    {
        _lock.EnterWriteLock();
        try
        {
            _rowOf.Clear();
            _count = 0;
            _rows.Reset(_initialCapacity);
            _halfRows?.Reset(_initialCapacity);
            _ids = new long[Math.Max(16, _initialCapacity)];
            _datasets = new long[_ids.Length];
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public bool TryGetVector(long id, Span<float> destination)
    {
        if (destination.Length < Dimension)
            throw new ArgumentException($"The destination must hold at least {Dimension} floats (the index dimension); got {destination.Length}.", nameof(destination));
        _lock.EnterReadLock();
        try
        {
            if (!_rowOf.TryGetValue(id, out var row))
                return false;
            _rows.RowSpan(row).CopyTo(destination);
            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public VectorRows CopyRows(VectorFilter? filter = null)
    {
        _lock.EnterReadLock();
        try
        {
            var rows = CandidateRows(filter) ?? AllRows(new DatasetMatcher(filter?.DatasetIds));
            var ids = new long[rows.Length];
            for (var i = 0; i < rows.Length; i++)
                ids[i] = _ids[rows[i]];
            Array.Sort(ids, rows);
            var datasets = new long[rows.Length];
            var vectors = new float[(long)rows.Length * Dimension];
            for (var i = 0; i < rows.Length; i++)
            {
                datasets[i] = _datasets[rows[i]];
                _rows.RowSpan(rows[i]).CopyTo(vectors.AsSpan(i * Dimension, Dimension));
            }
            return new VectorRows(ids, datasets, vectors, Dimension);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ScoredPoint[]> Search(ReadOnlySpan<float> queries, int queryCount, int limit, VectorFilter? filter = null, float? minScore = null)
    {
        if (queryCount < 1)
            throw new ArgumentException($"The query count must be at least 1; got {queryCount}.", nameof(queryCount));
        if (queries.Length != (long)queryCount * Dimension)
            throw new ArgumentException($"The queries must hold queryCount × dimension = {queryCount} × {Dimension} = {(long)queryCount * Dimension} floats; got {queries.Length}.", nameof(queries));
        if (limit < 1)
            throw new ArgumentException($"The limit must be at least 1; got {limit}.", nameof(limit));
        if (minScore is { } threshold && !float.IsFinite(threshold))
            throw new ArgumentException($"The minimum score must be a finite number (scores are in [-1, 1]); got {threshold}.", nameof(minScore));

        var stride = _rows.Stride;
        var unitQueries = new float[queryCount * stride];
        for (var j = 0; j < queryCount; j++)
            UnitVectors.Normalize(queries.Slice(j * Dimension, Dimension), unitQueries.AsSpan(j * stride, Dimension), nameof(queries), j);

        _lock.EnterReadLock();
        try
        {
            var candidates = CandidateRows(filter);
            var matcher = candidates is null ? new DatasetMatcher(filter?.DatasetIds) : default;
            var floor = minScore ?? float.NegativeInfinity;
            var heaps = Storage == VectorStorage.Float32
                ? ScanFloat32(unitQueries, queryCount, limit, floor, candidates, matcher)
                : ScanHalfAndRescore(unitQueries, queryCount, limit, floor, candidates, matcher);
            var results = new ScoredPoint[queryCount][];
            for (var j = 0; j < queryCount; j++)
            {
                var heap = heaps[j];
                var order = heap.SortedOrder();
                var hits = new ScoredPoint[order.Length];
                for (var i = 0; i < order.Length; i++)
                    hits[i] = new ScoredPoint(heap.IdAt(order[i]), _datasets[heap.RowAt(order[i])], heap.ScoreAt(order[i]));
                results[j] = hits;
            }
            return results;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Store(long id, long datasetId, ReadOnlySpan<float> unit)
    {
        if (!_rowOf.TryGetValue(id, out var row))
        {
            row = _count;
            _rows.EnsureCapacity(row + 1);
            _halfRows?.EnsureCapacity(row + 1);
            if (row == _ids.Length)
            {
                Array.Resize(ref _ids, _ids.Length * 2);
                Array.Resize(ref _datasets, _ids.Length);
            }
            _ids[row] = id;
            _rowOf[id] = row;
            _count++;
        }
        _datasets[row] = datasetId;
        var padded = _rows.PaddedRowSpan(row);
        unit.CopyTo(padded);
        padded[unit.Length..].Clear();
        if (_halfRows is not null)
        {
            var half = _halfRows.PaddedRowSpan(row);
            half.Clear();
            TensorPrimitives.ConvertToHalf(padded, half[..padded.Length]);
        }
    }

    /// <summary>The rows of the id filter (also checked against the dataset filter), ascending; null when no id filter.</summary>
    private int[]? CandidateRows(VectorFilter? filter)
    {
        if (filter?.Ids is not { } ids)
            return null;
        var matcher = new DatasetMatcher(filter.DatasetIds);
        var rows = new List<int>(Math.Min(ids.Count, _count));
        foreach (var id in ids)
        {
            if (_rowOf.TryGetValue(id, out var row) && matcher.Matches(_datasets[row]))
                rows.Add(row);
        }
        rows.Sort();
        return [.. rows];
    }

    private int[] AllRows(DatasetMatcher matcher)
    {
        var rows = new List<int>(_count);
        for (var row = 0; row < _count; row++)
        {
            if (matcher.Matches(_datasets[row]))
                rows.Add(row);
        }
        return [.. rows];
    }

    private TopKHeap[] ScanFloat32(float[] unitQueries, int queryCount, int limit, float floor, int[]? candidates, DatasetMatcher matcher) =>
        Scan(new Float32Scorer(_rows, unitQueries, queryCount), queryCount, limit, floor, candidates, matcher);

    /// <summary>
    /// Half-precision scan for <c>2·limit + 256</c> candidates per query, float32 rescoring, and a float32 rescan of
    /// any query whose candidate list cannot be proven to contain its float32 top-k (see <see cref="VectorStorage"/>).
    /// </summary>
    private TopKHeap[] ScanHalfAndRescore(float[] unitQueries, int queryCount, int limit, float floor, int[]? candidates, DatasetMatcher matcher)
    {
        var stride = _rows.Stride;
        var scaled = new float[unitQueries.Length];
        TensorPrimitives.Multiply(unitQueries, HalfDotProductKernels.QueryScale, scaled);
        // |half(x) - x| <= 2^-11 |x| for normal halves and <= 2^-25 for subnormals; with |q| = |x| = 1 the dot moves by
        // at most 2^-11 + 2^-25 sqrt(d), plus float32 accumulation error (<= d 2^-24 for each of the two dots).
        var epsilon = MathF.ScaleB(1f, -11) + MathF.ScaleB(1f, -25) * MathF.Sqrt(Dimension) + 2f * Dimension * MathF.ScaleB(1f, -24);
        var candidateCount = (int)Math.Min(int.MaxValue, 2L * limit + 256);
        var approxFloor = float.IsNegativeInfinity(floor) ? floor : floor - epsilon;
        var approx = Scan(new HalfScorer(_halfRows!, scaled, queryCount), queryCount, candidateCount, approxFloor, candidates, matcher);

        var heaps = new TopKHeap[queryCount];
        var redo = new List<int>();
        Span<float> scores = stackalloc float[4];
        Span<int> rows = stackalloc int[4];
        for (var j = 0; j < queryCount; j++)
        {
            var candidateHeap = approx[j];
            var heap = heaps[j] = new TopKHeap(limit, floor);
            ref var query = ref unitQueries[j * stride];
            for (var start = 0; start < candidateHeap.Count; start += 4)
            {
                var n = Math.Min(4, candidateHeap.Count - start);
                for (var a = 0; a < 4; a++)
                    rows[a] = candidateHeap.RowAt(start + Math.Min(a, n - 1));
                DotProductKernels.Dot4xN(ref _rows.Row(rows[0]), ref _rows.Row(rows[1]), ref _rows.Row(rows[2]), ref _rows.Row(rows[3]),
                    ref query, stride, 1, stride, ref MemoryMarshal.GetReference(scores), 1);
                for (var a = 0; a < n; a++)
                    heap.Offer(scores[a], _ids[rows[a]], rows[a]);
            }
            if (candidateHeap.Count == candidateHeap.Capacity)
            {
                var order = candidateHeap.SortedOrder();
                var kth = candidateHeap.ScoreAt(order[limit - 1]);
                if (!(candidateHeap.WorstScore < kth - 2 * epsilon))
                    redo.Add(j);
            }
        }
        if (redo.Count > 0)
        {
            Interlocked.Add(ref _fullPrecisionRescans, redo.Count);
            var subset = new float[redo.Count * stride];
            for (var i = 0; i < redo.Count; i++)
                unitQueries.AsSpan(redo[i] * stride, stride).CopyTo(subset.AsSpan(i * stride, stride));
            var exact = ScanFloat32(subset, redo.Count, limit, floor, candidates, matcher);
            for (var i = 0; i < redo.Count; i++)
                heaps[redo[i]] = exact[i];
        }
        return heaps;
    }

    private TopKHeap[] Scan<TScorer>(TScorer scorer, int queryCount, int capacity, float floor, int[]? candidates, DatasetMatcher matcher)
        where TScorer : struct, IRowScorer
    {
        var total = candidates?.Length ?? _count;
        var heaps = NewHeaps(queryCount, capacity, floor);
        if (total == 0)
            return heaps;
        var blocks = (total + BlockRows - 1) / BlockRows;
        if (blocks == 1 || Environment.ProcessorCount == 1 || (long)total * queryCount < ParallelWork)
        {
            ScanBlock(scorer, candidates, 0, total, matcher, heaps);
            return heaps;
        }
        var merge = new Lock();
        Parallel.For(0, blocks,
            () => NewHeaps(queryCount, capacity, floor),
            (block, _, local) =>
            {
                ScanBlock(scorer, candidates, block * BlockRows, Math.Min(total, (block + 1) * BlockRows), matcher, local);
                return local;
            },
            local =>
            {
                lock (merge)
                {
                    for (var j = 0; j < queryCount; j++)
                        heaps[j].Merge(local[j]);
                }
            });
        return heaps;
    }

    private static TopKHeap[] NewHeaps(int queryCount, int capacity, float floor)
    {
        var heaps = new TopKHeap[queryCount];
        for (var j = 0; j < queryCount; j++)
            heaps[j] = new TopKHeap(capacity, floor);
        return heaps;
    }

    // Hot loops are compiled fully optimised at once: a search over 1M rows calls them a handful of times, too few
    // for tiered compilation to promote them before the work is done.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScanBlock<TScorer>(TScorer scorer, int[]? candidates, int start, int end, DatasetMatcher matcher, TopKHeap[] heaps)
        where TScorer : struct, IRowScorer
    {
        var queryCount = heaps.Length;
        Span<float> scratch = queryCount <= ScratchQueries ? stackalloc float[4 * ScratchQueries] : new float[4 * queryCount];
        Span<int> pending = stackalloc int[4];
        var filtered = !matcher.MatchesAll;
        var waiting = 0;
        var i = start;
        if (candidates is null && !filtered)
        {
            // the common case, every row: four consecutive rows at a time, no bookkeeping
            for (; i + 4 <= end; i += 4)
            {
                pending[0] = i;
                pending[1] = i + 1;
                pending[2] = i + 2;
                pending[3] = i + 3;
                Flush(scorer, pending, 4, scratch, heaps);
            }
        }
        for (; i < end; i++)
        {
            var row = candidates is null ? i : candidates[i];
            if (filtered && !matcher.Matches(_datasets[row]))
                continue;
            pending[waiting++] = row;
            if (waiting == 4)
            {
                Flush(scorer, pending, 4, scratch, heaps);
                waiting = 0;
            }
        }
        if (waiting > 0)
        {
            for (var a = waiting; a < 4; a++)
                pending[a] = pending[0];
            Flush(scorer, pending, waiting, scratch, heaps);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private void Flush<TScorer>(TScorer scorer, Span<int> rows, int count, Span<float> scratch, TopKHeap[] heaps)
        where TScorer : struct, IRowScorer
    {
        var queryCount = heaps.Length;
        scorer.Score(rows[0], rows[1], rows[2], rows[3], ref MemoryMarshal.GetReference(scratch));
        for (var a = 0; a < count; a++)
        {
            var row = rows[a];
            var id = _ids[row];
            var offset = a * queryCount;
            for (var j = 0; j < queryCount; j++)
                heaps[j].Offer(scratch[offset + j], id, row);
        }
    }

    /// <summary>Scores four rows against all queries of a request into <c>scratch[row * queryCount + query]</c>.</summary>
    private interface IRowScorer
    {
        void Score(int r0, int r1, int r2, int r3, ref float scratch);
    }

    private readonly struct Float32Scorer(RowStore<float> rows, float[] queries, int queryCount) : IRowScorer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Score(int r0, int r1, int r2, int r3, ref float scratch) =>
            DotProductKernels.Dot4xN(ref rows.Row(r0), ref rows.Row(r1), ref rows.Row(r2), ref rows.Row(r3),
                ref queries[0], rows.Stride, queryCount, rows.Stride, ref scratch, queryCount);
    }

    private readonly struct HalfScorer(RowStore<Half> rows, float[] scaledQueries, int queryCount) : IRowScorer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Score(int r0, int r1, int r2, int r3, ref float scratch) =>
            HalfDotProductKernels.Dot4xN(ref Bits(r0), ref Bits(r1), ref Bits(r2), ref Bits(r3),
                ref scaledQueries[0], rows.Width, queryCount, rows.Width, ref scratch, queryCount);

        private ref ushort Bits(int row) => ref Unsafe.As<Half, ushort>(ref rows.Row(row));
    }
}
