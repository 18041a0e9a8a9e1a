using Sly.Api;
using Sly.Server.Storage;

namespace Sly.Server.Api;

/// <summary>entities-collections.*: default and aiSearch collections and their items.</summary>
public sealed class CollectionOperations(CollectionStore collections, ProjectStore projects)
{
    public void Register(OperationRouter router)
    {
        router.Map("entities-collections.add", Add);
        router.Map("entities-collections.list", List);
        router.Map("entities-collections.info", Info);
        router.Map("entities-collections.editInfo", Edit);
        router.Map("entities-collections.remove", Remove);
        router.Map("entities-collections.items.bulk.add", AddItems);
        router.Map("entities-collections.items.bulk.remove", RemoveItems);
    }

    private async Task<object?> Add(ApiContext context)
    {
        var request = await context.BodyAsync<EntitiesCollectionsAddRequest>();
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
        return collections.Add(request.ProjectId, request.Name, type, request.Description, type == "aiSearch" ? key : null, context.User.Id);
    }

    private async Task<object?> List(ApiContext context)
    {
        var request = await context.BodyAsync<EntitiesCollectionsListRequest>();
        projects.RequireState(request.ProjectId);
        var type = request.Type?.Value ?? "default";
        if (type is not ("default" or "aiSearch" or "all"))
            throw ApiError.BadRequest($"'type' must be 'default', 'aiSearch' or 'all', got '{type}'");
        var (where, parameters) = SimpleFilterSql.Build(request.Filter, CollectionStore.FilterColumns);
        var paging = Paging.From(request.Page, request.PerPage);
        var (total, items) = collections.List(request.ProjectId, type, where, parameters, paging);
        return new EntitiesCollectionInfoPage { Total = total, PerPage = paging.PerPage, PagesCount = paging.PagesCount(total), Entities = items };
    }

    private async Task<object?> Info(ApiContext context)
    {
        var request = await context.BodyAsync<EntitiesCollectionsInfoRequest>();
        return collections.Require(request.Id);
    }

    private async Task<object?> Edit(ApiContext context)
    {
        var request = await context.BodyAsync<EntitiesCollectionsEditInfoRequest>();
        collections.Require(request.Id);
        collections.Edit(request.Id, request.Name, request.Description);
        return collections.Require(request.Id);
    }

    private async Task<object?> Remove(ApiContext context)
    {
        var request = await context.BodyAsync<EntitiesCollectionsRemoveRequest>();
        collections.Require(request.Id);
        collections.Remove(request.Id, request.HardDelete == true);
        return new SuccessResponse { Success = true };
    }

    private async Task<object?> AddItems(ApiContext context)
    {
        var request = await context.BodyAsync<EntitiesCollectionsItemsBulkAddRequest>();
        if ((request.EntityIds is null) == (request.EntityItems is null))
            throw ApiError.BadRequest("Send exactly one of 'entityIds' or 'entityItems'");
        var items = request.EntityIds is { } ids
            ? ids.Select(id => (id, (float?)null)).ToList()
            : request.EntityItems!.Select(i => (i.EntityId, i.Meta?.Score)).ToList();
        return collections.AddItems(request.CollectionId, items);
    }

    private async Task<object?> RemoveItems(ApiContext context)
    {
        var request = await context.BodyAsync<EntitiesCollectionsItemsBulkRemoveRequest>();
        return collections.RemoveItems(request.CollectionId, request.EntityIds);
    }
}
