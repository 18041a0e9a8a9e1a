using Sly.Api;
using Sly.Server.Auth;
using Sly.Server.Storage;

namespace Sly.Server.Api;

/// <summary>instance.version, users.me, annotations.bulk.copy (this server stores no annotations) and sly.users.add.</summary>
public sealed class InstanceOperations(UserStore users, SqliteDatabase database)
{
    /// <summary>The Supervisely version this server is compatible with; the SDK warns below 6.17.8.</summary>
    public const string CompatibleVersion = "6.17.8";

    public void Register(OperationRouter router)
    {
        router.Map("instance.version", _ => Task.FromResult<object?>(new InstanceVersion { Version = CompatibleVersion }));
        router.Map("users.me", context => Task.FromResult<object?>(users.Get(context.User.Id)));
        router.Map("annotations.bulk.copy", CopyAnnotations);
    }

    private async Task<object?> CopyAnnotations(ApiContext context)
    {
        var request = await context.BodyAsync<AnnotationsBulkCopyRequest>();
        if (request.SrcImageIds.Count != request.DestImageIds.Count)
            throw ApiError.BadRequest($"'srcImageIds' has {request.SrcImageIds.Count} ids and 'destImageIds' {request.DestImageIds.Count}; they must pair up");
        using var connection = database.Open();
        foreach (var id in request.SrcImageIds.Concat(request.DestImageIds))
        {
            if (connection.Scalar<long>("SELECT COUNT(*) FROM images WHERE id = $id", ("$id", id)) == 0)
                throw ApiError.NotFound("Image", id);
        }
        // Images here carry no labels, so there is nothing to copy beyond checking the pairs.
        return new SuccessResponse { Success = true };
    }
}
