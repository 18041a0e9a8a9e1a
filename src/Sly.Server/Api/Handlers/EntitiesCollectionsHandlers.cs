using Sly.Api;
using Sly.Server.Storage;

namespace Sly.Server.Api.Handlers;

/// <summary>entities-collections.*: default and aiSearch collections and their items.</summary>
public sealed class EntitiesCollectionsHandlers(CollectionStore collections, ProjectStore projects, RequestContext caller)
{
    public async Task<EntitiesCollectionInfo> EntitiesCollectionsAddAsync(EntitiesCollectionsAddRequest request, CancellationToken cancellationToken)
    {
        var project = projects.RequireState(request.ProjectId);
        var type = request.Type?.Value ?? "default";
        if (type is not ("default" or "aiSearch"))
            throw ApiError.BadRequest($"'type' must be 'default' or 'aiSearch', got '{type}'");
        var key = request.Meta?.AiSearchKey;
        if (type == "aiSearch" && string.IsNullOrEmpty(key))
            throw ApiError.BadRequest("'meta.aiSearchKey' is required for an aiSearch collection");
        if (type == "aiSearch" && project.Type != "images")
            throw ApiError.BadRequest($"AI search collections exist only for images projects; project {project.Id} is {project.Type}");
        if (string.IsNullOrWhiteSpace(request.Name))
            throw ApiError.BadRequest("'name' must be a non-empty collection name");
        return await collections.AddAsync(request.ProjectId, request.Name, type, request.Description, type == "aiSearch" ? key : null, caller.User.Id, cancellationToken);
    }

    public Task<EntitiesCollectionInfoPage> EntitiesCollectionsListAsync(EntitiesCollectionsListRequest request, CancellationToken cancellationToken)
    {
        projects.RequireState(request.ProjectId);
        var type = request.Type?.Value ?? "default";
        if (type is not ("default" or "aiSearch" or "all"))
            throw ApiError.BadRequest($"'type' must be 'default', 'aiSearch' or 'all', got '{type}'");
        var paging = Paging.From(request.Page, request.PerPage);
        var (total, items) = collections.List(request.ProjectId, type, request.Filter, paging);
        return Task.FromResult(new EntitiesCollectionInfoPage { Total = total, PerPage = paging.PerPage, PagesCount = paging.PagesCount(total), Entities = items });
    }

    public Task<EntitiesCollectionInfo> EntitiesCollectionsInfoAsync(EntitiesCollectionsInfoRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(collections.Require(request.Id));

    public async Task<EntitiesCollectionInfo> EntitiesCollectionsEditInfoAsync(EntitiesCollectionsEditInfoRequest request, CancellationToken cancellationToken)
    {
        await collections.EditAsync(request.Id, request.Name, request.Description, cancellationToken);
        return collections.Require(request.Id);
    }

    public async Task<SuccessResponse> EntitiesCollectionsRemoveAsync(EntitiesCollectionsRemoveRequest request, CancellationToken cancellationToken)
    {
        await collections.RemoveAsync(request.Id, request.HardDelete == true, cancellationToken);
        return new SuccessResponse { Success = true };
    }

    public Task<EntitiesCollectionItemsResult> EntitiesCollectionsItemsBulkAddAsync(EntitiesCollectionsItemsBulkAddRequest request, CancellationToken cancellationToken)
    {
        if ((request.EntityIds is null) == (request.EntityItems is null))
            throw ApiError.BadRequest("Send exactly one of 'entityIds' or 'entityItems'");
        var items = request.EntityIds is { } ids
            ? ids.Select(id => (id, (float?)null)).ToList()
            : request.EntityItems!.Select(i => (i.EntityId, i.Meta?.Score)).ToList();
        return collections.AddItemsAsync(request.CollectionId, items, cancellationToken);
    }

    public Task<EntitiesCollectionItemsResult> EntitiesCollectionsItemsBulkRemoveAsync(EntitiesCollectionsItemsBulkRemoveRequest request, CancellationToken cancellationToken) =>
        collections.RemoveItemsAsync(request.CollectionId, request.EntityIds, cancellationToken);
}
