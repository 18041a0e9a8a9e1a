using System.Security.Cryptography;

namespace Sly.Server.Storage;

/// <summary>
/// Image bytes on disk, addressed by their SHA-256: the wire's hash is base64(sha256) (standard alphabet, padded),
/// the file name is its hex form under two levels of fan-out folders. Writes go to a temporary file first and are
/// moved into place, so a crash never leaves a truncated blob under a valid name.
/// </summary>
public sealed class BlobStore
{
    private readonly string _root;

    public BlobStore(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
    }

    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(SHA256.HashData(bytes));

    /// <summary>The hex file key of a wire hash, or null when the text is not a base64 SHA-256.</summary>
    public static string? FileKey(string hash)
    {
        Span<byte> digest = stackalloc byte[32];
        return Convert.TryFromBase64String(hash, digest, out var written) && written == 32 ? Convert.ToHexStringLower(digest) : null;
    }

    public string PathOf(string fileKey) => Path.Combine(_root, fileKey[..2], fileKey[2..4], fileKey);

    /// <summary>Stores the bytes (once) and returns their wire hash and file key.</summary>
    public (string Hash, string FileKey) Save(byte[] bytes)
    {
        var hash = HashOf(bytes);
        var key = FileKey(hash)!;
        var path = PathOf(key);
        if (File.Exists(path))
            return (hash, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.WriteThrough))
            stream.Write(bytes);
        File.Move(temporary, path, overwrite: true);
        return (hash, key);
    }

    public bool Exists(string fileKey) => File.Exists(PathOf(fileKey));

    public byte[] Read(string fileKey) => File.ReadAllBytes(PathOf(fileKey));

    public Stream OpenRead(string fileKey) => new FileStream(PathOf(fileKey), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
}
