using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Sly.Api;
using Sly.Server.Embeddings;
using Sly.Server.Files;
using Sly.Server.Storage;

namespace Sly.Server.Api;

/// <summary>images.*: listing, info, download, the three-step upload (hashes → bulk.upload → bulk.add), copy and remove.</summary>
public sealed class ImageOperations(ImageStore images, DatasetStore datasets, ProjectStore projects, BlobStore blobs, EmbeddingJobs embeddings, long maxUploadBytes)
{
    private const int MaxItemsPerRequest = 10000;

    public void Register(OperationRouter router)
    {
        router.Map("images.list", List);
        router.Map("images.info", Info);
        router.Map("images.download", Download);
        router.Map("images.internal.hashes.list", KnownHashes);
        router.Map("images.bulk.upload", Upload);
        router.Map("images.bulk.add", Add);
        router.Map("images.bulk.remove", Remove);
        router.Map("images.embeddings-updated-at.update", SetEmbeddingsUpdatedAt);
    }

    private async Task<object?> List(ApiContext context)
    {
        var request = await context.BodyAsync<ImagesListRequest>();
        if (request.DatasetId is { } datasetId)
            datasets.Require(datasetId);
        else if (request.ProjectId is { } projectId)
            projects.RequireState(projectId);
        return images.List(request, context.PublicBase);
    }

    private async Task<object?> Info(ApiContext context)
    {
        var request = await context.BodyAsync<ImagesInfoRequest>();
        return images.Require(request.Id, context.PublicBase);
    }

    private async Task<object?> Download(ApiContext context)
    {
        var request = await context.BodyAsync<ImagesDownloadRequest>();
        var file = images.FileOf(request.Id) ?? throw ApiError.NotFound("Image", request.Id);
        return Results.File(blobs.OpenRead(file.FileKey), file.Mime, enableRangeProcessing: true);
    }

    private async Task<object?> KnownHashes(ApiContext context)
    {
        var hashes = await context.BodyAsync<List<string>>();
        if (hashes.Count > 900)
            throw ApiError.BadRequest($"At most 900 hashes per request, got {hashes.Count}");
        return images.KnownHashes(hashes);
    }

    /// <summary>
    /// Multipart upload: one part per image (the SDK names them "0-file", "1-file", …). The answer is aligned with the
    /// parts: {hash: base64(sha256)} for a stored image, {errors: …} for bytes that are not an image.
    /// </summary>
    private async Task<object?> Upload(ApiContext context)
    {
        var http = context.Http;
        if (!http.Request.HasFormContentType)
            throw ApiError.BadRequest("images.bulk.upload expects multipart/form-data with one file part per image");
        if (http.Request.ContentLength > maxUploadBytes)
            throw ApiError.TooLarge($"The upload is {http.Request.ContentLength} bytes; at most {maxUploadBytes} are accepted per request");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxUploadBytes;
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxUploadBytes, ValueCountLimit = MaxItemsPerRequest }, context.Aborted);
        }
        catch (InvalidDataException ex)
        {
            throw ApiError.BadRequest("The multipart body cannot be read: " + ex.Message);
        }
        var results = new JsonArray();
        foreach (var file in form.Files)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, context.Aborted);
            var bytes = buffer.ToArray();
            var facts = ImageProbe.Probe(bytes);
            if (facts is null)
            {
                results.Add(new JsonObject { ["errors"] = new JsonArray($"part '{file.Name}' ({bytes.Length} bytes) is not an image this server can read (JPEG, PNG, WebP, GIF, BMP)") });
                continue;
            }
            var (hash, fileKey) = blobs.Save(bytes);
            images.RecordBlob(hash, fileKey, bytes.Length, facts.Mime, facts.Width, facts.Height);
            results.Add(new JsonObject { ["hash"] = hash });
        }
        return results;
    }

    private async Task<object?> Add(ApiContext context)
    {
        var request = await context.BodyAsync<ImagesBulkAddRequest>();
        if (request.Images.Count > MaxItemsPerRequest)
            throw ApiError.BadRequest($"At most {MaxItemsPerRequest} images per request, got {request.Images.Count}");
        var dataset = datasets.Require(request.DatasetId);
        var added = images.Add(request.DatasetId, request.Images, context.User.Id, context.PublicBase);
        embeddings.ImagesAdded(dataset.ProjectId!.Value);
        return added;
    }

    private async Task<object?> Remove(ApiContext context)
    {
        var request = await context.BodyAsync<ImagesBulkRemoveRequest>();
        var removed = images.Remove(request.ImageIds);
        embeddings.ImagesRemoved(removed);
        return new SuccessResponse { Success = true };
    }

    private async Task<object?> SetEmbeddingsUpdatedAt(ApiContext context)
    {
        var request = await context.BodyAsync<ImagesEmbeddingsUpdatedAtUpdateRequest>();
        images.SetEmbeddingsUpdatedAt(request.Images);
        if (request.Images.Any(i => i.EmbeddingsUpdatedAt is null))
            embeddings.Wake();
        return new SuccessResponse { Success = true };
    }
}
