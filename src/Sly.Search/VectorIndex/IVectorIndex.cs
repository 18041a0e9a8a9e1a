namespace Sly.Search.VectorIndex;

/// <summary>
/// The vectors of one project: one point per image, with the image id as the point id and its dataset id, searched
/// by cosine similarity. Vectors are stored L2-normalised, so a score is the dot product of unit vectors.
/// </summary>
/// <remarks>
/// <para>The in-memory implementation is <see cref="ExactVectorIndex"/>. The interface avoids in-memory
/// assumptions so that a Qdrant-backed implementation can sit behind it, one collection per project
/// (<c>{"vectors":{"size":Dimension,"distance":"Cosine"}}</c>, keyword payload index on <c>dataset_id</c>), as
/// Supervisely's embeddings generator keeps it: <see cref="Upsert"/>/<see cref="UpsertBatch"/> map to
/// <c>PUT /collections/{c}/points</c> (payload <c>dataset_id</c>), <see cref="Remove"/> to
/// <c>POST …/points/delete</c>, <see cref="Clear"/> to dropping and recreating the collection, <see cref="Search"/>
/// to <c>POST …/points/query/batch</c> (one query per row, <c>limit</c>, <c>score_threshold</c>, filter
/// <c>has_id</c> / <c>dataset_id</c> match any), <see cref="TryGetVector"/> to <c>GET …/points/{id}</c> with
/// the vector, and <see cref="CopyRows"/>/<see cref="Ids"/> to <c>POST …/points/scroll</c>.</para>
/// <para>Implementations are safe for concurrent use: searches may run in parallel with each other and with writes.</para>
/// </remarks>
public interface IVectorIndex
{
    /// <summary>Components per vector (512 for CLIP ViT-B/32).</summary>
    int Dimension { get; }

    /// <summary>Number of points.</summary>
    int Count { get; }

    /// <summary>A snapshot of the point ids, in ascending order.</summary>
    IReadOnlyCollection<long> Ids { get; }

    /// <summary>Adds a point or replaces the point with this id. The vector is stored L2-normalised.</summary>
    /// <exception cref="ArgumentException">The vector does not have <see cref="Dimension"/> components, is all
    /// zeros (it has no direction), or has a NaN or infinite component.</exception>
    void Upsert(long id, long datasetId, ReadOnlySpan<float> vector);

    /// <summary>
    /// Adds or replaces several points at once: row i of <paramref name="vectors"/> (row-major,
    /// <c>ids.Length × Dimension</c>) belongs to <c>ids[i]</c> in <c>datasetIds[i]</c>. Every vector is checked
    /// before any is stored, so a bad one leaves the index unchanged. A repeated id keeps its last row.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths disagree, or a vector is zero or not finite (the message names its row).</exception>
    void UpsertBatch(ReadOnlySpan<long> ids, ReadOnlySpan<long> datasetIds, ReadOnlySpan<float> vectors);

    /// <summary>Removes a point; false when there was none with this id.</summary>
    bool Remove(long id);

    /// <summary>Removes every point.</summary>
    void Clear();

    /// <summary>Copies the stored (unit) vector of <paramref name="id"/> into the first <see cref="Dimension"/>
    /// floats of <paramref name="destination"/>; false when there is no such point.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Dimension"/>.</exception>
    bool TryGetVector(long id, Span<float> destination);

    /// <summary>
    /// Exact top-<paramref name="limit"/> search for each of <paramref name="queryCount"/> queries, given row-major
    /// in <paramref name="queries"/> (<c>queryCount × Dimension</c>; each is normalised by the index, so any
    /// non-zero length works). Result i holds query i's hits sorted by descending score, ties by ascending id:
    /// at most <paramref name="limit"/>, only points passing <paramref name="filter"/>, and only scores
    /// ≥ <paramref name="minScore"/> when it is given (Qdrant's <c>score_threshold</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A count or length is out of range, or a query is zero or not finite.</exception>
    IReadOnlyList<ScoredPoint[]> Search(ReadOnlySpan<float> queries, int queryCount, int limit, VectorFilter? filter = null, float? minScore = null);

    /// <summary>
    /// Copies the points passing <paramref name="filter"/> (all when null), in ascending id order, for
    /// clustering, diverse sampling and projections.
    /// </summary>
    VectorRows CopyRows(VectorFilter? filter = null);
}
