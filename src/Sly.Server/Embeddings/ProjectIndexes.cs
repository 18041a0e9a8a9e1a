using System.Collections.Concurrent;
using Sly.Search.VectorIndex;
using Sly.Server.Storage;

namespace Sly.Server.Embeddings;

/// <summary>
/// One in-memory vector index per project, loaded from the vector store on first use and kept in step with it as jobs
/// commit batches and images are removed.
/// </summary>
public sealed class ProjectIndexes(VectorStore vectors, Func<int, IVectorIndex> create)
{
    private readonly ConcurrentDictionary<long, Lazy<IVectorIndex?>> _indexes = new();

    /// <summary>The project's index, or null when it has no vectors yet.</summary>
    public IVectorIndex? Get(long projectId)
    {
        var index = _indexes.GetOrAdd(projectId, id => new Lazy<IVectorIndex?>(() => Load(id))).Value;
        if (index is null)
            _indexes.TryRemove(projectId, out _);
        return index;
    }

    public void Upsert(long projectId, IReadOnlyList<VectorStore.StoredVector> batch)
    {
        if (batch.Count == 0)
            return;
        var entry = _indexes.GetOrAdd(projectId, id => new Lazy<IVectorIndex?>(() => Load(id)));
        var index = entry.Value;
        if (index is null)
        {
            // Nothing was stored before this batch: start the index with it.
            _indexes.TryRemove(projectId, out _);
            Get(projectId);
            return;
        }
        foreach (var item in batch)
            index.Upsert(item.ImageId, item.DatasetId, item.Vector);
    }

    public void Remove(long projectId, IEnumerable<long> imageIds)
    {
        if (!_indexes.TryGetValue(projectId, out var entry) || !entry.IsValueCreated || entry.Value is null)
            return;
        foreach (var id in imageIds)
            entry.Value.Remove(id);
    }

    public void Drop(long projectId)
    {
        _indexes.TryRemove(projectId, out _);
    }

    private IVectorIndex? Load(long projectId)
    {
        IVectorIndex? index = null;
        foreach (var stored in vectors.ReadProject(projectId))
        {
            index ??= create(stored.Vector.Length);
            index.Upsert(stored.ImageId, stored.DatasetId, stored.Vector);
        }
        return index;
    }
}
