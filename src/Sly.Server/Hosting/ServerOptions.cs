namespace Sly.Server.Hosting;

/// <summary>How an embedded server is started.</summary>
public sealed record ServerOptions
{
    /// <summary>Where the SQLite database, image blobs, the admin token and supervisely.env live.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Kestrel URLs; port 0 picks a free port. Only loopback addresses unless <see cref="AllowRemote"/>.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>Accept non-loopback URLs.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>A CLIP model folder; null = SLY_CLIP_MODEL, else the demo model shipped in models/demo-clip.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>
    /// Null (default): images are decoded at full size, exactly as CLIP's Pillow preprocessing. A value such as 3:
    /// large JPEG files decode at a reduced size (see <c>OnnxClipEmbedderOptions.JpegReducingGap</c>), several
    /// times faster for camera photos. Null or at least 1.
    /// </summary>
    public double? JpegReducingGap { get; init; }

    /// <summary>How often the auto-updater looks for images without embeddings in enabled projects.</summary>
    public TimeSpan AutoUpdateInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Largest JSON request body accepted, in bytes.</summary>
    public long MaxJsonBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest multipart upload accepted, in bytes.</summary>
    public long MaxUploadBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Images embedded per batch by embedding jobs; also how often progress is committed.</summary>
    public int EmbeddingBatchSize { get; init; } = 32;
}
