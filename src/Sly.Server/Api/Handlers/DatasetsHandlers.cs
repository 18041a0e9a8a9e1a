using Sly.Api;
using Sly.Server.Storage;

namespace Sly.Server.Api.Handlers;

/// <summary>datasets.add, datasets.list, datasets.info.</summary>
public sealed class DatasetsHandlers(DatasetStore datasets, ProjectStore projects, RequestContext caller)
{
    public async Task<DatasetInfo> DatasetsAddAsync(DatasetsAddRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
            throw ApiError.BadRequest("'name' must be a non-empty dataset name");
        return await datasets.AddAsync(request, caller.User.Id, cancellationToken);
    }

    public Task<DatasetInfoPage> DatasetsListAsync(DatasetsListRequest request, CancellationToken cancellationToken)
    {
        projects.RequireState(request.ProjectId);
        var paging = Paging.From(request.Page, request.PerPage);
        var (total, items) = datasets.List(request.ProjectId, request.Filter, request.Recursive == true, paging);
        return Task.FromResult(new DatasetInfoPage { Total = total, PerPage = paging.PerPage, PagesCount = paging.PagesCount(total), Entities = items });
    }

    public Task<DatasetInfo> DatasetsInfoAsync(DatasetsInfoRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(datasets.Require(request.Id));
}
