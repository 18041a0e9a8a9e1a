using System.Security.Cryptography;
using Refit;
using Sly.Api;
using Sly.Interactive.Client;
using Sly.Interactive.Transport;

namespace Sly.Interactive.Images;

/// <summary><c>api.Image</c>: list, upload (hashes → bulk.upload → bulk.add), download, copy and move, as the Python SDK's ImageApi.</summary>
public sealed class ImageApi(ISupervisely api)
{
    private const int AddBatch = 50;
    private const int HashBatch = 900;
    private const int UploadBatch = 50;
    private const int CopyBatch = 500;

    /// <summary>The image, or null when it does not exist.</summary>
    public Task<ImageInfo?> GetInfoByIdAsync(long id, CancellationToken cancellationToken = default) =>
        NotFound.AsNullAsync(() => api.ImagesInfoAsync(new ImagesInfoRequest { Id = id, ForceMetadataForLinks = true }, cancellationToken));

    /// <summary>Every image of a dataset, optionally filtered.</summary>
    public Task<List<ImageInfo>> GetListAsync(long datasetId, IReadOnlyList<FilterCondition>? filters = null, CancellationToken cancellationToken = default) =>
        ListPages.AllAsync(async (page, perPage) =>
        {
            var result = await api.ImagesListAsync(new ImagesListRequest
            {
                DatasetId = datasetId, Filter = filters ?? [], Sort = ImagesSortField.Id, SortOrder = SortOrder.Asc, Page = page, PerPage = perPage,
            }, cancellationToken);
            return (result.Total, result.PerPage, result.PagesCount, result.Entities);
        }, "images");

    /// <summary>Uploads files from disk into a dataset, names paired with paths (upload_paths).</summary>
    public async Task<List<ImageInfo>> UploadPathsAsync(long datasetId, IReadOnlyList<string> names, IReadOnlyList<string> paths, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (names.Count != paths.Count)
            throw new ArgumentException($"names has {names.Count} entries and paths {paths.Count}; they must pair up.", nameof(names));
        foreach (var path in paths)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"No file at '{path}'.", path);
        }
        return await UploadAsync(datasetId, names, index => File.ReadAllBytesAsync(paths[index], cancellationToken), progress, cancellationToken);
    }

    /// <summary>Uploads images given as bytes.</summary>
    public Task<List<ImageInfo>> UploadAsync(long datasetId, IReadOnlyList<(string Name, byte[] Bytes)> images, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default) =>
        UploadAsync(datasetId, images.Select(i => i.Name).ToList(), index => Task.FromResult(images[index].Bytes), progress, cancellationToken);

    private async Task<List<ImageInfo>> UploadAsync(long datasetId, IReadOnlyList<string> names, Func<int, Task<byte[]>> read, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var hashes = new string[names.Count];
        for (var i = 0; i < names.Count; i++)
            hashes[i] = Convert.ToBase64String(SHA256.HashData(await read(i)));
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in hashes.Distinct().Chunk(HashBatch))
            known.UnionWith(await api.ImagesInternalHashesListAsync(chunk, cancellationToken));
        var missing = Enumerable.Range(0, names.Count).Where(i => !known.Contains(hashes[i])).DistinctBy(i => hashes[i]).ToList();
        foreach (var chunk in missing.Chunk(UploadBatch))
        {
            var parts = new List<StreamPart>();
            for (var p = 0; p < chunk.Length; p++)
                parts.Add(new StreamPart(new MemoryStream(await read(chunk[p])), p.ToString(System.Globalization.CultureInfo.InvariantCulture), "image/*", p + "-file"));
            var results = await api.ImagesBulkUploadAsync(parts, cancellationToken);
            for (var p = 0; p < chunk.Length; p++)
            {
                if (results[p].Hash != hashes[chunk[p]])
                    throw new InvalidOperationException($"Uploading '{names[chunk[p]]}' failed: {results[p].Errors?.ToJsonString() ?? "the server stored different bytes"}.");
            }
        }
        var added = new List<ImageInfo>();
        for (var start = 0; start < names.Count; start += AddBatch)
        {
            var items = Enumerable.Range(start, Math.Min(AddBatch, names.Count - start))
                .Select(i => new ImagesBulkAddItem { Title = names[i], Hash = hashes[i] }).ToList();
            added.AddRange(await api.ImagesBulkAddAsync(new ImagesBulkAddRequest { DatasetId = datasetId, Images = items }, cancellationToken));
            progress?.Report(added.Count);
        }
        return added;
    }

    /// <summary>The image's bytes.</summary>
    public async Task<byte[]> DownloadAsync(long id, CancellationToken cancellationToken = default)
    {
        using var response = await api.ImagesDownloadAsync(new ImagesDownloadRequest { Id = id }, cancellationToken);
        await SlyApiErrors.EnsureSuccessAsync(response);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>
    /// Server-side copy into another dataset (copy_batch_optimized): free names get a two-digit suffix (x_01.jpg),
    /// annotations come along when <paramref name="withAnnotations"/>. Returns the new images in source order.
    /// </summary>
    public async Task<List<ImageInfo>> CopyBatchOptimizedAsync(long sourceDatasetId, IReadOnlyList<ImageInfo> sourceImages, long destinationDatasetId,
        bool withAnnotations = true, IReadOnlyList<string>? destinationNames = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sourceImages);
        if (destinationNames is not null && destinationNames.Count != sourceImages.Count)
            throw new ArgumentException($"destinationNames has {destinationNames.Count} names for {sourceImages.Count} images.", nameof(destinationNames));
        foreach (var image in sourceImages)
        {
            if (image.DatasetId is { } dataset && dataset != sourceDatasetId)
                throw new ArgumentException($"Image {image.Id} is in dataset {dataset}, not in the source dataset {sourceDatasetId}.", nameof(sourceImages));
        }
        var taken = (await GetListAsync(destinationDatasetId, cancellationToken: cancellationToken)).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var names = new List<string>();
        for (var i = 0; i < sourceImages.Count; i++)
        {
            var name = FreeCopyName(destinationNames?[i] ?? sourceImages[i].Name, taken);
            taken.Add(name);
            names.Add(name);
        }
        var copies = new List<ImageInfo>();
        for (var start = 0; start < sourceImages.Count; start += CopyBatch)
        {
            var items = Enumerable.Range(start, Math.Min(CopyBatch, sourceImages.Count - start))
                .Select(i => new ImagesBulkAddItem { Title = names[i], ImageId = sourceImages[i].Id, Meta = sourceImages[i].Meta }).ToList();
            copies.AddRange(await api.ImagesBulkAddAsync(new ImagesBulkAddRequest { DatasetId = destinationDatasetId, Images = items }, cancellationToken));
        }
        if (withAnnotations && copies.Count > 0)
        {
            await api.DatasetsInfoAsync(new DatasetsInfoRequest { Id = sourceDatasetId }, cancellationToken);
            var destination = await api.DatasetsInfoAsync(new DatasetsInfoRequest { Id = destinationDatasetId }, cancellationToken);
            await api.ProjectsMetaAsync(new ProjectsMetaRequest { Id = destination.ProjectId!.Value }, cancellationToken);
            await api.AnnotationsBulkCopyAsync(new AnnotationsBulkCopyRequest
            {
                SrcImageIds = sourceImages.Select(i => i.Id).ToList(), DestImageIds = copies.Select(c => c.Id).ToList(), PreserveSourceDate = false,
            }, cancellationToken);
        }
        return copies;
    }

    /// <summary>Copy, then remove the sources (move_batch_optimized).</summary>
    public async Task<List<ImageInfo>> MoveBatchOptimizedAsync(long sourceDatasetId, IReadOnlyList<ImageInfo> sourceImages, long destinationDatasetId,
        bool withAnnotations = true, IReadOnlyList<string>? destinationNames = null, CancellationToken cancellationToken = default)
    {
        var copies = await CopyBatchOptimizedAsync(sourceDatasetId, sourceImages, destinationDatasetId, withAnnotations, destinationNames, cancellationToken);
        foreach (var chunk in sourceImages.Select(i => i.Id).Chunk(AddBatch))
            await api.ImagesBulkRemoveAsync(new ImagesBulkRemoveRequest { ImageIds = chunk }, cancellationToken);
        return copies;
    }

    /// <summary>x.jpg, then x_01.jpg, x_02.jpg… as the SDK names copies.</summary>
    public static string FreeCopyName(string name, ISet<string> taken)
    {
        if (!taken.Contains(name))
            return name;
        var extension = Path.GetExtension(name);
        var stem = name[..^extension.Length];
        for (var i = 1; ; i++)
        {
            var candidate = $"{stem}_{i:00}{extension}";
            if (!taken.Contains(candidate))
                return candidate;
        }
    }
}
