using Sly.Api;
using Sly.Server.Embeddings;
using Sly.Server.Files;
using Sly.Server.Hosting;
using Sly.Server.Storage;

namespace Sly.Server.Api.Handlers;

/// <summary>images.*: listing, info, download, the three-step upload (hashes → bulk.upload → bulk.add), copy and remove.</summary>
public sealed class ImagesHandlers(ImageStore images, DatasetStore datasets, ProjectStore projects, BlobStore blobs, EmbeddingJobs embeddings, RequestContext caller)
{
    /// <summary>Items one images.bulk.add or images.bulk.upload may carry.</summary>
    public const int MaxItemsPerRequest = 10000;

    /// <summary>Hashes one images.internal.hashes.list may ask about.</summary>
    public const int MaxHashesPerRequest = 900;

    public Task<ImageInfoPage> ImagesListAsync(ImagesListRequest request, CancellationToken cancellationToken)
    {
        if (request.DatasetId is { } datasetId)
            datasets.Require(datasetId);
        else if (request.ProjectId is { } projectId)
            projects.RequireState(projectId);
        return Task.FromResult(images.List(request, caller.PublicBase));
    }

    public Task<ImageInfo> ImagesInfoAsync(ImagesInfoRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(images.Require(request.Id, caller.PublicBase));

    public Task<IResult> ImagesDownloadAsync(ImagesDownloadRequest request, CancellationToken cancellationToken)
    {
        var file = images.FileOf(request.Id) ?? throw ApiError.NotFound("Image", request.Id);
        return Task.FromResult(Results.File(blobs.OpenRead(file.FileKey), file.Mime, enableRangeProcessing: true));
    }

    public Task<IReadOnlyList<string>> ImagesInternalHashesListAsync(IReadOnlyList<string> request, CancellationToken cancellationToken)
    {
        if (request.Count > MaxHashesPerRequest)
            throw ApiError.BadRequest($"At most {MaxHashesPerRequest} hashes per request, got {request.Count}");
        return Task.FromResult<IReadOnlyList<string>>(images.KnownHashes(request));
    }

    /// <summary>
    /// Multipart upload: one part per image (the SDK names them "0-file", "1-file", …). The answer is aligned with the
    /// parts: {hash: base64(sha256)} for a stored image, {errors: …} for bytes that are not an image.
    /// </summary>
    public async Task<IReadOnlyList<ImagesBulkUploadResult>> ImagesBulkUploadAsync(IFormFileCollection files, CancellationToken cancellationToken)
    {
        if (files.Count > MaxItemsPerRequest)
            throw ApiError.BadRequest($"At most {MaxItemsPerRequest} files per request, got {files.Count}");
        var results = new List<ImagesBulkUploadResult>();
        foreach (var file in files)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.ToArray();
            var facts = ImageProbe.Probe(bytes);
            if (facts is null)
            {
                results.Add(new ImagesBulkUploadResult { Errors = new System.Text.Json.Nodes.JsonArray($"part '{file.Name}' ({bytes.Length} bytes) is not an image this server can read (JPEG, PNG, WebP, GIF, BMP)") });
                continue;
            }
            var (hash, fileKey) = blobs.Save(bytes);
            await images.RecordBlobAsync(hash, fileKey, bytes.Length, facts.Mime, facts.Width, facts.Height, cancellationToken);
            results.Add(new ImagesBulkUploadResult { Hash = hash });
        }
        return results;
    }

    public async Task<IReadOnlyList<ImageInfo>> ImagesBulkAddAsync(ImagesBulkAddRequest request, CancellationToken cancellationToken)
    {
        if (request.Images.Count > MaxItemsPerRequest)
            throw ApiError.BadRequest($"At most {MaxItemsPerRequest} images per request, got {request.Images.Count}");
        var dataset = datasets.Require(request.DatasetId);
        var added = await images.AddAsync(request.DatasetId, request.Images, caller.User.Id, caller.PublicBase, cancellationToken);
        embeddings.ImagesAdded(dataset.ProjectId!.Value);
        return added;
    }

    public async Task<SuccessResponse> ImagesBulkRemoveAsync(ImagesBulkRemoveRequest request, CancellationToken cancellationToken)
    {
        var removed = await images.RemoveAsync(request.ImageIds, cancellationToken);
        embeddings.ImagesRemoved(removed);
        return new SuccessResponse { Success = true };
    }

    public async Task<SuccessResponse> ImagesEmbeddingsUpdatedAtUpdateAsync(ImagesEmbeddingsUpdatedAtUpdateRequest request, CancellationToken cancellationToken)
    {
        await images.SetEmbeddingsUpdatedAtAsync(request.Images, cancellationToken);
        if (request.Images.Any(i => i.EmbeddingsUpdatedAt is null))
            embeddings.Wake();
        return new SuccessResponse { Success = true };
    }
}
