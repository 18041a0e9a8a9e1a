using Sly.Search.VectorIndex;

namespace Sly.Search.Tests.VectorIndex;

/// <summary>Shared search passes give every request exactly what a search of its own gives.</summary>
public sealed class CoalescingSearcherTests
{
    private const int Dimension = 24;

    [Fact]
    public async Task Concurrent_requests_with_different_limits_and_thresholds_get_their_own_exact_results()
    {
        var index = RandomIndex(points: 3000, seed: 1);
        var searcher = new CoalescingSearcher(index, maxQueriesPerPass: 8);
        var random = new Random(2);
        var requests = Enumerable.Range(0, 60).Select(i =>
        {
            var count = 1 + i % 3;
            return (Queries: Vectors(random, count), Count: count, Limit: 1 + random.Next(40), MinScore: i % 4 == 0 ? (float?)null : (float)(random.NextDouble() * 0.4));
        }).ToList();

        var results = await Task.WhenAll(requests.Select(r => Task.Run(() => searcher.SearchAsync(r.Queries, r.Count, r.Limit, r.MinScore))));

        for (var i = 0; i < requests.Count; i++)
        {
            var alone = index.Search(requests[i].Queries, requests[i].Count, requests[i].Limit, minScore: requests[i].MinScore);
            Assert.Equal(alone.Count, results[i].Count);
            for (var q = 0; q < alone.Count; q++)
                Assert.Equal(alone[q], results[i][q]);
        }
        Assert.InRange(searcher.Passes, 1, requests.Count);
    }

    [Fact]
    public async Task Requests_arriving_during_a_pass_share_the_next_one()
    {
        var gated = new GatedIndex(RandomIndex(points: 500, seed: 3));
        var searcher = new CoalescingSearcher(gated, maxQueriesPerPass: 64);
        var random = new Random(4);

        var first = searcher.SearchAsync(Vectors(random, 1), 1, 5);
        Assert.True(gated.PassStarted.Wait(TimeSpan.FromSeconds(10)), "the first pass did not start");
        var waiting = Enumerable.Range(0, 10).Select(_ => searcher.SearchAsync(Vectors(random, 2), 2, 7)).ToList();
        gated.Release.Set();
        await first;
        var results = await Task.WhenAll(waiting);

        Assert.Equal(2, searcher.Passes);
        Assert.Equal([1, 20], gated.QueriesPerPass);
        Assert.All(results, r => Assert.All(r, hits => Assert.Equal(7, hits.Length)));
    }

    [Fact]
    public void Bad_requests_fail_alone_before_joining_a_pass()
    {
        var searcher = new CoalescingSearcher(RandomIndex(points: 10, seed: 5));

        Assert.Throws<ArgumentException>("queries", () => { _ = searcher.SearchAsync(new float[Dimension], 1, 5); });
        Assert.Throws<ArgumentException>("queries", () => { _ = searcher.SearchAsync(new float[Dimension + 1], 1, 5); });
        Assert.Throws<ArgumentOutOfRangeException>("limit", () => { _ = searcher.SearchAsync(Vectors(new Random(6), 1), 1, 0); });
        Assert.Throws<ArgumentOutOfRangeException>("queryCount", () => { _ = searcher.SearchAsync([], 0, 5); });
        Assert.Equal(0, searcher.Passes);
    }

    private static ExactVectorIndex RandomIndex(int points, int seed)
    {
        var random = new Random(seed);
        var index = new ExactVectorIndex(Dimension);
        index.UpsertBatch(Enumerable.Range(1, points).Select(i => (long)i).ToArray(), Enumerable.Range(0, points).Select(i => (long)(i % 3)).ToArray(), Vectors(random, points));
        return index;
    }

    private static float[] Vectors(Random random, int count) =>
        Enumerable.Range(0, count * Dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    /// <summary>A real index whose first search waits for the test, so requests can be queued behind it.</summary>
    private sealed class GatedIndex(ExactVectorIndex inner) : IVectorIndex
    {
        public ManualResetEventSlim PassStarted { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public List<int> QueriesPerPass { get; } = [];

        public int Dimension => inner.Dimension;

        public int Count => inner.Count;

        public IReadOnlyCollection<long> Ids => inner.Ids;

        public IReadOnlyList<ScoredPoint[]> Search(ReadOnlySpan<float> queries, int queryCount, int limit, VectorFilter? filter = null, float? minScore = null)
        {
            lock (QueriesPerPass)
                QueriesPerPass.Add(queryCount);
            PassStarted.Set();
            Release.Wait(TimeSpan.FromSeconds(10));
            return inner.Search(queries, queryCount, limit, filter, minScore);
        }

        public void Upsert(long id, long datasetId, ReadOnlySpan<float> vector) => inner.Upsert(id, datasetId, vector);

        public void UpsertBatch(ReadOnlySpan<long> ids, ReadOnlySpan<long> datasetIds, ReadOnlySpan<float> vectors) => inner.UpsertBatch(ids, datasetIds, vectors);

        public bool Remove(long id) => inner.Remove(id);

        public void Clear() => inner.Clear();

        public bool TryGetVector(long id, Span<float> destination) => inner.TryGetVector(id, destination);

        public VectorRows CopyRows(VectorFilter? filter = null) => inner.CopyRows(filter);
    }
}
