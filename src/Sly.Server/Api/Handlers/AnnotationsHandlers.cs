using Sly.Api;
using Sly.Server.Storage;

namespace Sly.Server.Api.Handlers;

/// <summary>annotations.bulk.copy: this server stores no annotations, so it checks the pairs and copies nothing.</summary>
public sealed class AnnotationsHandlers(ImageStore images)
{
    public Task<SuccessResponse> AnnotationsBulkCopyAsync(AnnotationsBulkCopyRequest request, CancellationToken cancellationToken)
    {
        if (request.SrcImageIds.Count != request.DestImageIds.Count)
            throw ApiError.BadRequest($"'srcImageIds' has {request.SrcImageIds.Count} ids and 'destImageIds' {request.DestImageIds.Count}; they must pair up");
        if (images.Missing(request.SrcImageIds.Concat(request.DestImageIds)) is [var missing, ..])
            throw ApiError.NotFound("Image", missing);
        return Task.FromResult(new SuccessResponse { Success = true });
    }
}
