using Sly.Search.VectorIndex;

namespace Sly.Search.Tests.VectorIndex;

/// <summary>Searches running while another thread upserts and removes see a consistent index.</summary>
public sealed class ExactVectorIndexConcurrencyTests
{
    [Fact]
    public async Task Searches_while_upserting_and_removing_always_see_whole_points()
    {
        const int dimension = 32;
        var index = new ExactVectorIndex(dimension, initialCapacity: 4);
        // Every point's vector is the one-hot of (id mod dimension), scaled by the id, so a hit's score against
        // its own direction is exactly 1: a torn row (half written, or moved during a search) would show up.
        static float[] VectorOf(long id)
        {
            var v = new float[dimension];
            v[id % dimension] = 1 + id;
            return v;
        }
        for (long id = 0; id < 2_000; id++)
            index.Upsert(id, id % 3, VectorOf(id));

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (long round = 0; round < 300; round++)
            {
                for (long id = 2_000 + round * 20; id < 2_000 + round * 20 + 20; id++)
                    index.Upsert(id, id % 3, VectorOf(id));
                for (long id = round * 5; id < round * 5 + 5; id++)
                    index.Remove(id);
            }
        });
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(() =>
        {
            var searches = 0;
            while (!writer.IsCompleted || searches < 20)
            {
                var axis = (r * 7 + searches) % dimension;
                var query = new float[dimension];
                query[axis] = 1;
                var hits = index.Search(query, 1, 50, VectorFilter.ForDatasets(0, 1, 2))[0];
                Assert.Equal(50, hits.Length);
                foreach (var hit in hits)
                {
                    Assert.Equal(axis, hit.Id % dimension);
                    Assert.Equal(hit.Id % 3, hit.DatasetId);
                    Assert.Equal(1f, hit.Score);
                }
                Assert.Equal(hits.Select(h => h.Id).Order(), hits.Select(h => h.Id));
                searches++;
            }
            return searches;
        })).ToArray();

        await writer;
        var counts = await Task.WhenAll(readers);

        Assert.All(counts, c => Assert.True(c >= 20));
        Assert.Equal(2_000 + 300 * 20 - 300 * 5, index.Count);
    }
}
