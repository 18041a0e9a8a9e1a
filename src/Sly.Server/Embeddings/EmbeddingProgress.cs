namespace Sly.Server.Embeddings;

/// <summary>When a project's embedding job started and last committed a batch (counts come from the vector store).</summary>
public sealed class EmbeddingProgress(DateTimeOffset startedAt)
{
    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset UpdatedAt { get; private set; } = startedAt;

    public void Touch() => UpdatedAt = DateTimeOffset.UtcNow;
}
