using Sly.Api;
using Sly.Server.Storage;

namespace Sly.Server.Api;

/// <summary>datasets.add, datasets.list, datasets.info.</summary>
public sealed class DatasetOperations(DatasetStore datasets, ProjectStore projects)
{
    public void Register(OperationRouter router)
    {
        router.Map("datasets.add", Add);
        router.Map("datasets.list", List);
        router.Map("datasets.info", Info);
    }

    private async Task<object?> Add(ApiContext context)
    {
        var request = await context.BodyAsync<DatasetsAddRequest>();
        if (string.IsNullOrWhiteSpace(request.Name))
            throw ApiError.BadRequest("'name' must be a non-empty dataset name");
        projects.RequireState(request.ProjectId);
        return datasets.Add(request, context.User.Id);
    }

    private async Task<object?> List(ApiContext context)
    {
        var request = await context.BodyAsync<DatasetsListRequest>();
        projects.RequireState(request.ProjectId);
        var (where, parameters) = SimpleFilterSql.Build(request.Filter, DatasetStore.FilterColumns);
        // Not recursive and no parentId condition: top-level datasets only, as an instance lists them.
        if (request.Recursive != true && request.Filter?.Any(f => f.Field == "parentId") != true)
            where += " AND d.parent_id IS NULL";
        var paging = Paging.From(request.Page, request.PerPage);
        var (total, items) = datasets.List(request.ProjectId, where, parameters, paging);
        return new DatasetInfoPage { Total = total, PerPage = paging.PerPage, PagesCount = paging.PagesCount(total), Entities = items };
    }

    private async Task<object?> Info(ApiContext context)
    {
        var request = await context.BodyAsync<DatasetsInfoRequest>();
        return datasets.Require(request.Id);
    }
}
