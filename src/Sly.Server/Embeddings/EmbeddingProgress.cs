namespace Sly.Server.Embeddings;

/// <summary>Where an embedding job of a project stands, observable while it runs.</summary>
public sealed class EmbeddingProgress
{
    private long _done;
    private long _failed;

    public EmbeddingProgress(long total, DateTimeOffset startedAt)
    {
        Total = total;
        StartedAt = startedAt;
        UpdatedAt = startedAt;
    }

    public long Total { get; private set; }

    public long Done => Interlocked.Read(ref _done);

    public long Failed => Interlocked.Read(ref _failed);

    public DateTimeOffset StartedAt { get; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Advance(long done, long failed)
    {
        Interlocked.Add(ref _done, done);
        Interlocked.Add(ref _failed, failed);
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    public void Grow(long more) => Total += more;
}
