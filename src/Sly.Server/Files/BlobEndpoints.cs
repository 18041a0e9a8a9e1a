using System.Globalization;
using Sly.Search.Imaging;
using Sly.Server.Api;
using Sly.Server.Storage;

namespace Sly.Server.Files;

/// <summary>
/// Image bytes over plain GET: /blobs/{key} (fullStorageUrl; like a storage URL it needs no API key — the key is the
/// content's SHA-256) and imgproxy-style /previews/… thumbnails, rendered once and cached on disk.
/// </summary>
public static class BlobEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/blobs/{key}", (string key, HttpContext http, BlobStore blobs, SqliteDatabase database) =>
        {
            var mime = MimeOf(database, key);
            if (mime is null || !blobs.Exists(key))
                return OperationRouter.WriteError(http, ApiError.NotFound($"No image is stored under '{key}'"));
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.File(blobs.OpenRead(key), mime, enableRangeProcessing: true).ExecuteAsync(http);
        });

        app.MapGet("/previews/{**path}", async (string path, HttpContext http, BlobStore blobs, SqliteDatabase database, Sly.Server.Hosting.ServerOptions options) =>
        {
            (ThumbnailRequest Request, string FileKey)? parsed;
            try
            {
                parsed = PreviewPath.Parse(path);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
            {
                await OperationRouter.WriteError(http, ApiError.BadRequest("Bad preview options: " + ex.Message));
                return;
            }
            if (parsed is null)
            {
                await OperationRouter.WriteError(http, ApiError.BadRequest("A preview URL ends with /plain/blobs/<key>, e.g. /previews/q/ext:jpeg/resize:fit:224:224:0/q:70/plain/blobs/<key>"));
                return;
            }
            var (request, key) = parsed.Value;
            if (MimeOf(database, key) is null || !blobs.Exists(key))
            {
                await OperationRouter.WriteError(http, ApiError.NotFound($"No image is stored under '{key}'"));
                return;
            }
            var extension = request.Format.ToString().ToLowerInvariant();
            var cache = Path.Combine(Path.GetFullPath(options.DataDirectory), "previews", key[..2],
                string.Create(CultureInfo.InvariantCulture, $"{key}-{request.Mode}-{request.Width}x{request.Height}-q{request.Quality}.{extension}"));
            if (!File.Exists(cache))
            {
                var thumbnail = ThumbnailRenderer.Render(blobs.Read(key), request);
                if (thumbnail is null)
                {
                    await OperationRouter.WriteError(http, ApiError.BadRequest($"The image under '{key}' cannot be decoded"));
                    return;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
                var temporary = cache + "." + Guid.NewGuid().ToString("N") + ".tmp";
                await File.WriteAllBytesAsync(temporary, thumbnail);
                File.Move(temporary, cache, overwrite: true);
            }
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            await Results.File(cache, "image/" + extension).ExecuteAsync(http);
        });
    }

    private static string? MimeOf(SqliteDatabase database, string key)
    {
        using var connection = database.Open();
        return connection.Scalar<string>("SELECT mime FROM blobs WHERE file = $f", ("$f", key));
    }
}
