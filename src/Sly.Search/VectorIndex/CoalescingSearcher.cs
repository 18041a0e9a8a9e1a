namespace Sly.Search.VectorIndex;

/// <summary>
/// Runs concurrent unfiltered searches of one index as shared passes. An exact scan is bound by memory bandwidth,
/// so scoring the queries of every waiting request in one pass over the rows costs little more than scoring one:
/// while a pass runs, new requests queue, and the next pass takes them all (up to
/// <see cref="MaxQueriesPerPass"/> queries).
/// </summary>
/// <remarks>
/// Each request gets exactly what a search of its own would return: a pass keeps the top max(limit) hits per query,
/// ordered by descending score then ascending id, and each request then keeps its own first <c>limit</c> hits with a
/// score ≥ its own threshold. A request with a bad query fails alone: queries are checked before they join a pass.
/// </remarks>
public sealed class CoalescingSearcher
{
    private readonly IVectorIndex _index;
    private readonly object _gate = new();
    private readonly Queue<Request> _waiting = new();
    private bool _draining;
    private long _passes;

    /// <param name="index">The index searched.</param>
    /// <param name="maxQueriesPerPass">Most queries one pass scores (1 or more); a request larger than this runs in a pass of its own.</param>
    public CoalescingSearcher(IVectorIndex index, int maxQueriesPerPass = 64)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueriesPerPass, 1);
        _index = index;
        MaxQueriesPerPass = maxQueriesPerPass;
    }

    /// <summary>Most queries scored in one pass.</summary>
    public int MaxQueriesPerPass { get; }

    /// <summary>Passes run so far (each over the whole index).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>
    /// The same result as <see cref="IVectorIndex.Search"/> without a filter, computed in a pass shared with the
    /// requests waiting at the same time.
    /// </summary>
    /// <exception cref="ArgumentException">A count, the limit or a query is invalid (thrown before queueing).</exception>
    public Task<IReadOnlyList<ScoredPoint[]>> SearchAsync(ReadOnlySpan<float> queries, int queryCount, int limit, float? minScore = null)
    {
        Validate(queries, queryCount, limit, minScore);
        var request = new Request(queries.ToArray(), queryCount, limit, minScore);
        bool start;
        lock (_gate)
        {
            _waiting.Enqueue(request);
            start = !_draining;
            _draining = true;
        }
        if (start)
            ThreadPool.UnsafeQueueUserWorkItem(static searcher => searcher.Drain(), this, preferLocal: false);
        return request.Completion.Task;
    }

    private void Validate(ReadOnlySpan<float> queries, int queryCount, int limit, float? minScore)
    {
        var dimension = _index.Dimension;
        if (queryCount < 1)
            throw new ArgumentOutOfRangeException(nameof(queryCount), queryCount, "must be at least 1");
        if (limit < 1)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "must be at least 1");
        if (minScore is { } score && !float.IsFinite(score))
            throw new ArgumentOutOfRangeException(nameof(minScore), minScore, "must be a finite number");
        if (queries.Length != (long)queryCount * dimension)
            throw new ArgumentException($"must hold queryCount × {dimension} = {(long)queryCount * dimension} floats, not {queries.Length}", nameof(queries));
        // the index's own check (and message), so a bad query fails here, alone, rather than the shared pass
        var unit = new float[dimension];
        for (var q = 0; q < queryCount; q++)
            UnitVectors.Normalize(queries.Slice(q * dimension, dimension), unit, nameof(queries), q);
    }

    private void Drain()
    {
        while (true)
        {
            var pass = new List<Request>();
            lock (_gate)
            {
                var queries = 0;
                while (_waiting.TryPeek(out var next) && (pass.Count == 0 || queries + next.QueryCount <= MaxQueriesPerPass))
                {
                    pass.Add(_waiting.Dequeue());
                    queries += next.QueryCount;
                }
                if (pass.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }
            Run(pass);
        }
    }

    private void Run(List<Request> pass)
    {
        try
        {
            var dimension = _index.Dimension;
            var total = pass.Sum(r => r.QueryCount);
            var queries = new float[total * dimension];
            var offset = 0;
            foreach (var request in pass)
            {
                request.Queries.CopyTo(queries, offset);
                offset += request.Queries.Length;
            }
            var limit = pass.Max(r => r.Limit);
            var minScore = pass.All(r => r.MinScore.HasValue) ? pass.Min(r => r.MinScore) : null;
            var hits = _index.Search(queries, total, limit, filter: null, minScore);
            Interlocked.Increment(ref _passes);
            var row = 0;
            foreach (var request in pass)
            {
                var own = new ScoredPoint[request.QueryCount][];
                for (var q = 0; q < request.QueryCount; q++)
                    own[q] = Keep(hits[row++], request.Limit, request.MinScore);
                request.Completion.TrySetResult(own);
            }
        }
        catch (Exception e)
        {
            foreach (var request in pass)
                request.Completion.TrySetException(e);
        }
    }

    private static ScoredPoint[] Keep(ScoredPoint[] hits, int limit, float? minScore)
    {
        var count = 0;
        while (count < hits.Length && count < limit && (minScore is not { } min || hits[count].Score >= min))
            count++;
        return count == hits.Length ? hits : hits[..count];
    }

    private sealed record Request(float[] Queries, int QueryCount, int Limit, float? MinScore)
    {
        public TaskCompletionSource<IReadOnlyList<ScoredPoint[]>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
