using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Sly.Interactive.Visuals;

/// <summary>
/// Thumbnails fetched once per process and kept on disk between runs (in the temp folder), so re-running a notebook
/// or showing the same images in several galleries does not fetch them again.
/// </summary>
public static class ThumbnailCache
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<byte[]?>>> Memory = new(StringComparer.Ordinal);

    /// <summary>Where thumbnails are kept between runs.</summary>
    public static string Folder { get; set; } = Path.Combine(Path.GetTempPath(), "sly-thumbnails");

    /// <summary>The cached bytes for <paramref name="key"/>, fetched once.</summary>
    public static Task<byte[]?> GetAsync(string key, Func<Task<byte[]?>> fetch) =>
        Memory.GetOrAdd(key, k => new Lazy<Task<byte[]?>>(() => LoadAsync(k, fetch))).Value;

    private static async Task<byte[]?> LoadAsync(string key, Func<Task<byte[]?>> fetch)
    {
        var file = Path.Combine(Folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".bin");
        if (File.Exists(file))
            return await File.ReadAllBytesAsync(file);
        var bytes = await fetch();
        if (bytes is null)
            return null;
        Directory.CreateDirectory(Folder);
        var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes);
        File.Move(temporary, file, overwrite: true);
        return bytes;
    }
}
