using System.Runtime.InteropServices;

namespace Sly.Server.Storage;

/// <summary>
/// Embedding vectors per image, persisted with the project so a restart keeps them. A batch of vectors and the
/// images' embeddingsUpdatedAt are written in one transaction: after a crash an image either has both or neither.
/// </summary>
public sealed class VectorStore(SqliteDatabase database)
{
    public sealed record StoredVector(long ImageId, long DatasetId, float[] Vector);

    public Task SaveBatchAsync(long projectId, string modelId, IReadOnlyList<StoredVector> vectors, IReadOnlyList<(long ImageId, string Message)> failures,
        CancellationToken cancellationToken = default) => database.WriteAsync(transaction =>
    {
        var now = Timestamps.Now();
        foreach (var item in vectors)
        {
            // An image deleted meanwhile is skipped: its row is gone, so the vector would dangle.
            var updated = transaction.Execute("UPDATE images SET embeddings_updated_at = $now WHERE id = $id AND project_id = $p",
                ("$now", now), ("$id", item.ImageId), ("$p", projectId));
            if (updated == 0)
                continue;
            transaction.Execute("""
                INSERT INTO vectors (image_id, project_id, dataset_id, model_id, vector, updated_at) VALUES ($id, $p, $d, $m, $v, $now)
                ON CONFLICT(image_id) DO UPDATE SET vector = excluded.vector, model_id = excluded.model_id, dataset_id = excluded.dataset_id, updated_at = excluded.updated_at
                """, ("$id", item.ImageId), ("$p", projectId), ("$d", item.DatasetId), ("$m", modelId), ("$v", MemoryMarshal.AsBytes(item.Vector.AsSpan()).ToArray()), ("$now", now));
            transaction.Execute("DELETE FROM embedding_errors WHERE project_id = $p AND image_id = $id", ("$p", projectId), ("$id", item.ImageId));
        }
        foreach (var (imageId, message) in failures)
        {
            // A failed image is stamped too, so jobs finish and do not retry it forever; its error is kept for the report.
            transaction.Execute("UPDATE images SET embeddings_updated_at = $now WHERE id = $id AND project_id = $p", ("$now", now), ("$id", imageId), ("$p", projectId));
            transaction.Execute("""
                INSERT INTO embedding_errors (project_id, image_id, message, at) VALUES ($p, $id, $m, $now)
                ON CONFLICT(project_id, image_id) DO UPDATE SET message = excluded.message, at = excluded.at
                """, ("$p", projectId), ("$id", imageId), ("$m", message), ("$now", now));
        }
    }, cancellationToken);

    public IEnumerable<StoredVector> ReadProject(long projectId)
    {
        using var connection = database.Open();
        foreach (var row in connection.Query("SELECT image_id, dataset_id, vector FROM vectors WHERE project_id = $p ORDER BY image_id",
                     r => new StoredVector(r.GetInt64(0), r.GetInt64(1), MemoryMarshal.Cast<byte, float>((byte[])r.GetValue(2)).ToArray()), ("$p", projectId)))
            yield return row;
    }

    public long Count(long projectId)
    {
        using var connection = database.Open();
        return connection.Scalar<long>("SELECT COUNT(*) FROM vectors WHERE project_id = $p", ("$p", projectId));
    }

    public List<(long ImageId, string Message)> Errors(long projectId)
    {
        using var connection = database.Open();
        return connection.Query("SELECT image_id, message FROM embedding_errors WHERE project_id = $p ORDER BY image_id", r => (r.GetInt64(0), r.GetString(1)), ("$p", projectId));
    }

    /// <summary>Images of the project still waiting for an embedding, oldest first.</summary>
    public List<(long ImageId, long DatasetId, string FileKey)> Pending(long projectId, int limit)
    {
        using var connection = database.Open();
        return connection.Query("""
            SELECT i.id, i.dataset_id, b.file FROM images i JOIN blobs b ON b.hash = i.hash
            WHERE i.project_id = $p AND i.embeddings_updated_at IS NULL ORDER BY i.id LIMIT $limit
            """, r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2)), ("$p", projectId), ("$limit", limit));
    }

    public long PendingCount(long projectId)
    {
        using var connection = database.Open();
        return connection.Scalar<long>("SELECT COUNT(*) FROM images WHERE project_id = $p AND embeddings_updated_at IS NULL", ("$p", projectId));
    }
}
