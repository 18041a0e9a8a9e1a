using System.Runtime.CompilerServices;

namespace Sly.Search.VectorIndex;

/// <summary>
/// The best <see cref="Capacity"/> (score, id) pairs seen so far: a bounded min-heap whose root is the worst kept
/// entry. Order is by descending score, then ascending id, so the result is the same whatever order rows arrive in
/// and however per-thread heaps are merged.
/// </summary>
internal sealed class TopKHeap
{
    private readonly float[] _scores;
    private readonly long[] _ids;
    private readonly int[] _rows;
    private readonly float _minScore;

    public TopKHeap(int capacity, float minScore)
    {
        Capacity = capacity;
        _scores = new float[capacity];
        _ids = new long[capacity];
        _rows = new int[capacity];
        _minScore = minScore;
        Floor = minScore;
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>A score below this cannot enter: the minimum score, or the worst kept score once full.</summary>
    public float Floor { get; private set; }

    public float ScoreAt(int index) => _scores[index];

    public long IdAt(int index) => _ids[index];

    public int RowAt(int index) => _rows[index];

    /// <summary>The worst kept score (the root); only meaningful when <see cref="Count"/> &gt; 0.</summary>
    public float WorstScore => _scores[0];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Offer(float score, long id, int row)
    {
        if (score < Floor)
            return;
        OfferSlow(score, id, row);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OfferSlow(float score, long id, int row)
    {
        if (Count < Capacity)
        {
            var i = Count++;
            while (i > 0)
            {
                var parent = (i - 1) >> 1;
                if (!IsWorse(score, id, _scores[parent], _ids[parent]))
                    break;
                _scores[i] = _scores[parent];
                _ids[i] = _ids[parent];
                _rows[i] = _rows[parent];
                i = parent;
            }
            _scores[i] = score;
            _ids[i] = id;
            _rows[i] = row;
        }
        else
        {
            if (!IsWorse(_scores[0], _ids[0], score, id))
                return;
            SiftDownFromRoot(score, id, row);
        }
        if (Count == Capacity)
            Floor = Math.Max(_minScore, _scores[0]);
    }

    private void SiftDownFromRoot(float score, long id, int row)
    {
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count)
                break;
            if (child + 1 < Count && IsWorse(_scores[child + 1], _ids[child + 1], _scores[child], _ids[child]))
                child++;
            if (!IsWorse(_scores[child], _ids[child], score, id))
                break;
            _scores[i] = _scores[child];
            _ids[i] = _ids[child];
            _rows[i] = _rows[child];
            i = child;
        }
        _scores[i] = score;
        _ids[i] = id;
        _rows[i] = row;
    }

    /// <summary>Adds every entry of <paramref name="other"/>.</summary>
    public void Merge(TopKHeap other)
    {
        for (var i = 0; i < other.Count; i++)
            Offer(other._scores[i], other._ids[i], other._rows[i]);
    }

    public void Clear()
    {
        Count = 0;
        Floor = _minScore;
    }

    /// <summary>Indices 0..Count−1 of the kept entries, best first.</summary>
    public int[] SortedOrder()
    {
        var order = new int[Count];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            var byScore = _scores[y].CompareTo(_scores[x]);
            return byScore != 0 ? byScore : _ids[x].CompareTo(_ids[y]);
        });
        return order;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWorse(float score, long id, float otherScore, long otherId) =>
        score < otherScore || (score == otherScore && id > otherId);
}
