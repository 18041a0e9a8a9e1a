using Sly.Search.VectorIndex;

namespace Sly.Search.Tests.VectorIndex;

/// <summary>Hand-made geometry where the answer is obvious, filters, ties, thresholds, removal and bad input.</summary>
public sealed class ExactVectorIndexTests
{
    public static TheoryData<VectorStorage> Storages => [VectorStorage.Float32, VectorStorage.Float16WithRescore];

    // Points on the unit circle of the xy-plane at 0°, 30°, 60°, 90°, 180° (scores vs +x: 1, .866, .5, 0, -1).
    private static ExactVectorIndex Circle(VectorStorage storage)
    {
        var index = new ExactVectorIndex(3, storage);
        foreach (var (id, degrees, dataset) in new[] { (10L, 0.0, 1L), (11L, 30.0, 1L), (12L, 60.0, 2L), (13L, 90.0, 2L), (14L, 180.0, 3L) })
        {
            var r = degrees * Math.PI / 180;
            index.Upsert(id, dataset, [(float)Math.Cos(r) * 5, (float)Math.Sin(r) * 5, 0]); // length 5: stored normalised
        }
        return index;
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Top_k_is_ordered_by_cosine_with_the_obvious_scores(VectorStorage storage)
    {
        var index = Circle(storage);

        var hits = index.Search([2, 0, 0], 1, 3)[0];

        Assert.Equal([10L, 11L, 12L], hits.Select(h => h.Id));
        Assert.Equal([1L, 1L, 2L], hits.Select(h => h.DatasetId));
        Assert.Equal(1f, hits[0].Score, 1e-6f);
        Assert.Equal(MathF.Sqrt(3) / 2, hits[1].Score, 1e-6f);
        Assert.Equal(0.5f, hits[2].Score, 1e-6f);
    }

    [Fact]
    public void A_limit_beyond_the_count_returns_every_point_down_to_the_opposite_one()
    {
        var hits = Circle(VectorStorage.Float32).Search([1, 0, 0], 1, 100)[0];

        Assert.Equal([10L, 11L, 12L, 13L, 14L], hits.Select(h => h.Id));
        Assert.Equal(-1f, hits[^1].Score, 1e-6f);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Several_queries_in_one_request_each_get_their_own_top_k(VectorStorage storage)
    {
        var index = Circle(storage);

        var results = index.Search([1, 0, 0, 0, 1, 0, -1, 0, 0], 3, 1);

        Assert.Equal(3, results.Count);
        Assert.Equal(10L, results[0].Single().Id);
        Assert.Equal(13L, results[1].Single().Id);
        Assert.Equal(14L, results[2].Single().Id);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Filters_restrict_to_datasets_to_ids_and_to_both(VectorStorage storage)
    {
        var index = Circle(storage);
        float[] query = [1, 0, 0];

        Assert.Equal([12L, 13L], index.Search(query, 1, 10, VectorFilter.ForDatasets(2))[0].Select(h => h.Id));
        Assert.Equal([12L, 13L, 14L], index.Search(query, 1, 10, VectorFilter.ForDatasets(2, 3))[0].Select(h => h.Id));
        Assert.Equal([11L, 14L], index.Search(query, 1, 10, VectorFilter.ForIds(14, 11, 999))[0].Select(h => h.Id));
        Assert.Equal([12L], index.Search(query, 1, 10, new VectorFilter(datasetIds: [2], ids: [10, 12]))[0].Select(h => h.Id));
        Assert.Empty(index.Search(query, 1, 10, VectorFilter.ForDatasets())[0]);
        Assert.Empty(index.Search(query, 1, 10, VectorFilter.ForIds())[0]);
        Assert.Equal(5, index.Search(query, 1, 10, new VectorFilter())[0].Length);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Equal_scores_are_ordered_by_ascending_id_and_the_cut_keeps_the_smallest_ids(VectorStorage storage)
    {
        var index = new ExactVectorIndex(4, storage);
        foreach (var id in new long[] { 7, 3, 9, 1, 5 })
            index.Upsert(id, 0, [1, 1, 0, 0]);
        index.Upsert(100, 0, [1, 0, 0, 0]);

        var hits = index.Search([1, 1, 0, 0], 1, 3)[0];

        Assert.Equal([1L, 3L, 5L], hits.Select(h => h.Id));
        Assert.All(hits, h => Assert.Equal(hits[0].Score, h.Score));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void The_minimum_score_is_inclusive_and_can_leave_fewer_than_limit(VectorStorage storage)
    {
        var index = new ExactVectorIndex(2, storage);
        index.Upsert(1, 0, [1, 0]);
        index.Upsert(2, 0, [0, 1]);
        index.Upsert(3, 0, [1, 1]);

        var exactlyAtThreshold = index.Search([0, 1], 1, 10, minScore: 0)[0];
        var strict = index.Search([1, 0], 1, 10, minScore: 0.5f)[0];

        Assert.Equal([2L, 3L, 1L], exactlyAtThreshold.Select(h => h.Id)); // id 1 scores exactly 0
        Assert.Equal([1L, 3L], strict.Select(h => h.Id));
        Assert.Empty(index.Search([-1, 0], 1, 10, minScore: 0.1f)[0]);
    }

    [Fact]
    public void Stored_vectors_are_unit_length_and_upsert_replaces_vector_and_dataset()
    {
        var index = new ExactVectorIndex(2);
        index.Upsert(1, 5, [3, 4]);
        Span<float> v = stackalloc float[2];

        Assert.True(index.TryGetVector(1, v));
        Assert.Equal(0.6f, v[0], 1e-6f);
        Assert.Equal(0.8f, v[1], 1e-6f);

        index.Upsert(1, 6, [0, -2]);
        Assert.Equal(1, index.Count);
        Assert.True(index.TryGetVector(1, v));
        Assert.Equal([0f, -1f], v.ToArray());
        var hit = index.Search([0, -1], 1, 1)[0].Single();
        Assert.Equal(new ScoredPoint(1, 6, 1f), hit);
        Assert.False(index.TryGetVector(2, v));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Removing_moves_the_last_row_into_the_hole_without_mixing_up_ids(VectorStorage storage)
    {
        var index = new ExactVectorIndex(8, storage, initialCapacity: 2);
        var random = new Random(3);
        var points = Enumerable.Range(0, 40).Select(i => (Id: (long)i * 3, DatasetId: (long)(i % 4), Vector: NaiveSearch.RandomVector(random, 8))).ToList();
        foreach (var p in points)
            index.Upsert(p.Id, p.DatasetId, p.Vector);

        foreach (var id in new long[] { 0, 57, 117, 30, 999 })
        {
            var removed = index.Remove(id);
            Assert.Equal(id != 999, removed);
            points.RemoveAll(p => p.Id == id);
        }
        Assert.False(index.Remove(0));

        Assert.Equal(points.Count, index.Count);
        Assert.Equal(points.Select(p => p.Id).Order(), index.Ids);
        Span<float> v = stackalloc float[8];
        foreach (var p in points)
        {
            Assert.True(index.TryGetVector(p.Id, v));
            var expected = NaiveSearch.Unit(p.Vector);
            for (var i = 0; i < 8; i++)
                Assert.Equal(expected[i], v[i], 1e-6);
        }
        foreach (var p in points.Take(5))
        {
            var expected = NaiveSearch.TopK(points, p.Vector, 7);
            var actual = index.Search(p.Vector, 1, 7)[0];
            Assert.Equal(expected.Select(h => h.Id), actual.Select(h => h.Id));
            Assert.Equal(expected.Select(h => h.DatasetId), actual.Select(h => h.DatasetId));
        }
    }

    [Fact]
    public void Clear_empties_the_index_and_it_can_be_filled_again()
    {
        var index = Circle(VectorStorage.Float32);
        index.Clear();

        Assert.Equal(0, index.Count);
        Assert.Empty(index.Ids);
        Assert.Empty(index.Search([1, 0, 0], 1, 5)[0]);

        index.Upsert(42, 1, [0, 0, 1]);
        Assert.Equal(42L, index.Search([0, 0, 1], 1, 5)[0].Single().Id);
    }

    [Fact]
    public void Copy_rows_returns_unit_vectors_of_the_filtered_points_in_ascending_id_order()
    {
        var index = Circle(VectorStorage.Float32);

        var all = index.CopyRows();
        var some = index.CopyRows(VectorFilter.ForDatasets(2, 3));

        Assert.Equal([10L, 11L, 12L, 13L, 14L], all.Ids);
        Assert.Equal(3, all.Dimension);
        Assert.Equal(15, all.Vectors.Length);
        Assert.Equal([12L, 13L, 14L], some.Ids);
        Assert.Equal([2L, 2L, 3L], some.DatasetIds);
        Assert.Equal(-1f, some.Row(2)[0], 1e-6f);
        Assert.Equal(1f, some.Row(1)[1], 1e-6f);
    }

    [Fact]
    public void Upsert_batch_stores_every_row_and_a_repeated_id_keeps_its_last_row()
    {
        var index = new ExactVectorIndex(2);

        index.UpsertBatch([1, 2, 1], [10, 20, 30], [1, 0, 0, 1, -1, 0]);

        Assert.Equal(2, index.Count);
        var hit = index.Search([-1, 0], 1, 1)[0].Single();
        Assert.Equal(new ScoredPoint(1, 30, 1f), hit);
    }

    [Fact]
    public void A_bad_row_in_a_batch_leaves_the_index_unchanged_and_names_the_row()
    {
        var index = new ExactVectorIndex(2);
        index.Upsert(1, 1, [1, 0]);

        var error = Assert.Throws<ArgumentException>(() => index.UpsertBatch([5, 6, 7], [1, 1, 1], [1, 1, 0, 0, 2, 2]));

        Assert.Equal("vectors", error.ParamName);
        Assert.Contains("Vector 1 ", error.Message);
        Assert.Contains("zeros", error.Message);
        Assert.Equal([1L], index.Ids);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_parameter_and_what_is_allowed()
    {
        var index = Circle(VectorStorage.Float32);

        AssertBad("dimension", () => new ExactVectorIndex(0));
        AssertBad("storage", () => new ExactVectorIndex(3, (VectorStorage)7));
        AssertBad("initialCapacity", () => new ExactVectorIndex(3, initialCapacity: -1));
        AssertBad("vector", () => index.Upsert(1, 1, [1, 2]), "3 components");
        AssertBad("vector", () => index.Upsert(1, 1, [0, 0, 0]), "zeros");
        AssertBad("vector", () => index.Upsert(1, 1, [float.NaN, 0, 1]), "finite");
        AssertBad("vector", () => index.Upsert(1, 1, [float.PositiveInfinity, 0, 1]), "finite");
        AssertBad("datasetIds", () => index.UpsertBatch([1, 2], [1], [1, 0, 0, 1, 0, 0]));
        AssertBad("vectors", () => index.UpsertBatch([1, 2], [1, 1], [1, 0, 0]));
        AssertBad("queryCount", () => index.Search([1, 0, 0], 0, 5));
        AssertBad("queries", () => index.Search([1, 0, 0], 2, 5), "2 × 3");
        AssertBad("queries", () => index.Search([0, 0, 0], 1, 5), "zeros");
        AssertBad("limit", () => index.Search([1, 0, 0], 1, 0), "at least 1");
        AssertBad("minScore", () => index.Search([1, 0, 0], 1, 5, minScore: float.NaN), "finite");
        AssertBad("destination", () => index.TryGetVector(10, new float[2]));
        Assert.Equal(5, index.Count);
    }

    [Fact]
    public void Very_large_and_very_small_vectors_normalise_without_overflow()
    {
        var index = new ExactVectorIndex(2);
        index.Upsert(1, 0, [3e30f, 4e30f]);
        index.Upsert(2, 0, [3e-40f, -4e-40f]);
        Span<float> v = stackalloc float[2];

        Assert.True(index.TryGetVector(1, v));
        Assert.Equal(0.6f, v[0], 1e-6f);
        Assert.True(index.TryGetVector(2, v));
        Assert.Equal(-0.8f, v[1], 1e-5f);
    }

    private static void AssertBad(string parameter, Action action, string? mention = null)
    {
        var error = Assert.Throws<ArgumentException>(action);
        Assert.Equal(parameter, error.ParamName);
        if (mention is not null)
            Assert.Contains(mention, error.Message);
    }
}
