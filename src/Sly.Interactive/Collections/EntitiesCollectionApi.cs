using Sly.Api;
using Sly.Interactive.Client;
using Sly.Interactive.Transport;

namespace Sly.Interactive.Collections;

/// <summary><c>api.EntitiesCollection</c>: read a collection's images, e.g. the results of an AI search with their scores.</summary>
public sealed class EntitiesCollectionApi(ISupervisely api)
{
    /// <summary>The collection (with its meta), or null when it does not exist.</summary>
    public Task<EntitiesCollectionInfo?> GetInfoByIdAsync(long id, CancellationToken cancellationToken = default) =>
        NotFound.AsNullAsync(() => api.EntitiesCollectionsInfoAsync(new EntitiesCollectionsInfoRequest { Id = id, ExtraFields = ["meta"] }, cancellationToken));

    /// <summary>
    /// The images of a collection (get_items). For an AI-search collection each carries its score in AiSearchMeta;
    /// <paramref name="threshold"/> keeps scores at or above it ("above") or below it ("below"). Ordered by id, as the SDK.
    /// </summary>
    public async Task<List<ImageInfo>> GetItemsAsync(long collectionId, CollectionTypeFilter collectionType = CollectionTypeFilter.AiSearch,
        long? projectId = null, double? threshold = null, string thresholdDirection = "above", CancellationToken cancellationToken = default)
    {
        if (thresholdDirection is not ("above" or "below"))
            throw new ArgumentException("thresholdDirection must be 'above' or 'below'.", nameof(thresholdDirection));
        if (threshold is not null && collectionType != CollectionTypeFilter.AiSearch)
            throw new ArgumentException("A threshold applies only to AI-search collections.", nameof(threshold));
        if (projectId is null)
        {
            var info = await GetInfoByIdAsync(collectionId, cancellationToken)
                ?? throw new InvalidOperationException($"Entities collection with ID {collectionId} not found.");
            projectId = info.ProjectId;
        }
        ImagesListAdvancedFilter filter = collectionType == CollectionTypeFilter.AiSearch
            ? new AiSearchCollectionFilter
            {
                Data = new AiSearchCollectionFilterData
                {
                    CollectionId = collectionId, Include = true,
                    Threshold = threshold is { } t ? (float)t : null, ThresholdDirection = threshold is null ? (ThresholdDirection?)null : new ThresholdDirection(thresholdDirection),
                },
            }
            : new EntitiesCollectionFilter { Data = new EntitiesCollectionFilterData { CollectionId = collectionId, Include = true } };
        return await ListPages.AllAsync(async (page, perPage) =>
        {
            var result = await api.ImagesListAsync(new ImagesListRequest
            {
                ProjectId = projectId, DatasetId = null, Filter = [], Sort = ImagesSortField.Id, SortOrder = SortOrder.Asc,
                ForceMetadataForLinks = true, Recursive = false, ExtraFields = ["embeddingsUpdatedAt"], Filters = [filter], Page = page, PerPage = perPage,
            }, cancellationToken);
            return (result.Total, result.PerPage, result.PagesCount, result.Entities);
        }, "collection items");
    }
}
