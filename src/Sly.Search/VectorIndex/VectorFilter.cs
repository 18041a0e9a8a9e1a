namespace Sly.Search.VectorIndex;

/// <summary>
/// Restricts a search (or a copy of rows) to points of some datasets and/or to some point ids. When both are set
/// a point must satisfy both. An empty set matches nothing; a null set does not restrict.
/// </summary>
/// <remarks>
/// A Qdrant-backed index maps <see cref="DatasetIds"/> to <c>{"must":[{"key":"dataset_id","match":{"any":[…]}}]}</c>
/// and <see cref="Ids"/> to <c>{"must":[{"has_id":[…]}]}</c>, as Supervisely's embeddings generator does.
/// </remarks>
public sealed class VectorFilter
{
    /// <summary>A filter on datasets and/or point ids; pass null for a criterion that should not restrict.</summary>
    public VectorFilter(IEnumerable<long>? datasetIds = null, IEnumerable<long>? ids = null)
    {
        // copied, so that changing the caller's collection later does not change the filter
        DatasetIds = datasetIds is null ? null : new HashSet<long>(datasetIds);
        Ids = ids is null ? null : new HashSet<long>(ids);
    }

    /// <summary>Only points whose dataset is in this set, or any dataset when null.</summary>
    public IReadOnlySet<long>? DatasetIds { get; }

    /// <summary>Only points whose id is in this set, or any id when null.</summary>
    public IReadOnlySet<long>? Ids { get; }

    /// <summary>Points of these datasets.</summary>
    public static VectorFilter ForDatasets(params IEnumerable<long> datasetIds)
    {
        ArgumentNullException.ThrowIfNull(datasetIds);
        return new VectorFilter(datasetIds: datasetIds);
    }

    /// <summary>Points with these ids (an image-id scope).</summary>
    public static VectorFilter ForIds(params IEnumerable<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return new VectorFilter(ids: ids);
    }

    /// <summary>Whether a point with this id and dataset passes the filter.</summary>
    public bool Matches(long id, long datasetId) =>
        (DatasetIds is null || DatasetIds.Contains(datasetId)) && (Ids is null || Ids.Contains(id));
}
