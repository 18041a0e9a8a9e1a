namespace Sly.Search.Embeddings;

/// <summary>An image to embed: encoded bytes in memory, or a file read only when its turn comes.</summary>
public sealed class ImageSource
{
    private readonly ReadOnlyMemory<byte> _bytes;

    private ImageSource(string? path, ReadOnlyMemory<byte> bytes)
    {
        Path = path;
        _bytes = bytes;
    }

    /// <summary>The file the image is read from, or null for an in-memory image.</summary>
    public string? Path { get; }

    /// <summary>An image file (JPEG, PNG, WebP, BMP or GIF), read when it is embedded.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public static ImageSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new ImageSource(path, default);
    }

    /// <summary>Encoded image bytes (JPEG, PNG, WebP, BMP or GIF). The memory is not copied: keep it unchanged until embedded.</summary>
    public static ImageSource FromBytes(ReadOnlyMemory<byte> encoded) => new(null, encoded);

    /// <summary>Encoded image bytes; same as <see cref="FromBytes"/>.</summary>
    public static implicit operator ImageSource(byte[] encoded) => FromBytes(encoded);

    /// <summary>Reads the encoded bytes (from disk for a file).</summary>
    /// <exception cref="ImageDecodeException">The file cannot be read; the message names it.</exception>
    public ReadOnlyMemory<byte> ReadEncoded()
    {
        if (Path is null)
            return _bytes;
        try
        {
            return File.ReadAllBytes(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException($"{Path}: cannot read the file ({e.Message})", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Path ?? $"image of {_bytes.Length} bytes";
}
