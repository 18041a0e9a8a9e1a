using Sly.Search.VectorIndex;

namespace Sly.Search.Tests.VectorIndex;

/// <summary>
/// Exact search against the naive double-precision reference on random data: same ids in the same order, same
/// dataset ids, scores equal to float precision — for both storages, with and without filters, across the
/// sequential and the parallel (row-block) paths and dimensions that are and are not multiples of the SIMD width.
/// </summary>
public sealed class ExactVectorIndexReferenceTests
{
    public static TheoryData<VectorStorage, int, int, int> Cases => new()
    {
        { VectorStorage.Float32, 512, 3_000, 1 },
        { VectorStorage.Float32, 512, 20_000, 8 }, // 160k row-queries: the parallel path
        { VectorStorage.Float32, 37, 9_000, 5 },
        { VectorStorage.Float32, 1, 500, 2 },
        { VectorStorage.Float16WithRescore, 512, 20_000, 3 },
        { VectorStorage.Float16WithRescore, 37, 5_000, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_naive_search(VectorStorage storage, int dimension, int count, int queryCount)
    {
        var random = new Random(dimension * 31 + count);
        var points = Enumerable.Range(0, count)
            .Select(i => (Id: (long)random.Next(1, int.MaxValue), DatasetId: (long)random.Next(5), Vector: NaiveSearch.RandomVector(random, dimension)))
            .DistinctBy(p => p.Id).ToList();
        var index = new ExactVectorIndex(dimension, storage, initialCapacity: 100);
        index.UpsertBatch(points.Select(p => p.Id).ToArray(), points.Select(p => p.DatasetId).ToArray(), points.SelectMany(p => p.Vector).ToArray());
        var queries = Enumerable.Range(0, queryCount).Select(_ => NaiveSearch.RandomVector(random, dimension)).ToArray();
        var scope = points.Where((_, i) => i % 3 == 0).Select(p => p.Id).ToArray();

        foreach (var (filter, minScore, limit) in new (VectorFilter?, float?, int)[]
                 {
                     (null, null, 50),
                     (VectorFilter.ForDatasets(1, 3), null, 100),
                     (VectorFilter.ForIds(scope), null, 20),
                     (new VectorFilter(datasetIds: [0, 2, 4], ids: scope), 0.05f, 30),
                     (null, 0.1f, 1000),
                 })
        {
            var results = index.Search(queries.SelectMany(q => q).ToArray(), queryCount, limit, filter, minScore);

            for (var j = 0; j < queryCount; j++)
            {
                var expected = NaiveSearch.TopK(points, queries[j], limit, filter, minScore);
                Assert.Equal(expected.Select(h => h.Id), results[j].Select(h => h.Id));
                Assert.Equal(expected.Select(h => h.DatasetId), results[j].Select(h => h.DatasetId));
                for (var i = 0; i < expected.Length; i++)
                    Assert.Equal(expected[i].Score, results[j][i].Score, 2e-6f);
            }
        }
        Assert.Equal(0, index.FullPrecisionRescans); // random data: the half scan's candidates always provably suffice
    }

    [Fact]
    public void Half_storage_returns_the_float32_results_bit_for_bit_even_when_candidates_are_near_duplicates()
    {
        // 3,000 points within ~1e-4 of one direction: far closer together than half precision can tell apart, so
        // the half scan cannot prove its candidate list holds the top k and the query is redone in float32.
        var random = new Random(11);
        const int dimension = 64;
        var center = NaiveSearch.RandomVector(random, dimension);
        var exact = new ExactVectorIndex(dimension);
        var half = new ExactVectorIndex(dimension, VectorStorage.Float16WithRescore);
        for (var id = 0; id < 3_000; id++)
        {
            var v = center.Select(x => x + (float)(random.NextDouble() - 0.5) * 2e-4f).ToArray();
            exact.Upsert(id, 0, v);
            half.Upsert(id, 0, v);
        }
        for (var id = 3_000; id < 6_000; id++)
        {
            var v = NaiveSearch.RandomVector(random, dimension);
            exact.Upsert(id, 1, v);
            half.Upsert(id, 1, v);
        }
        float[] queries = [.. center, .. NaiveSearch.RandomVector(random, dimension)];

        var expected = exact.Search(queries, 2, 40);
        var actual = half.Search(queries, 2, 40);

        Assert.Equal(expected[0], actual[0]);
        Assert.Equal(expected[1], actual[1]);
        Assert.Equal(1, half.FullPrecisionRescans); // the near-duplicate query; the random one was proven by the half scan
    }
}
