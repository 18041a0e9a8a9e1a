using Sly.Api;
using Sly.Server.Storage;

namespace Sly.Server.Api.Handlers;

/// <summary>workspaces.list.</summary>
public sealed class WorkspacesHandlers(WorkspaceStore workspaces)
{
    public Task<WorkspaceInfoPage> WorkspacesListAsync(WorkspacesListRequest request, CancellationToken cancellationToken)
    {
        var paging = Paging.From(request.Page, request.PerPage);
        var (total, items) = workspaces.Workspaces(request.TeamId, request.Filter, paging);
        return Task.FromResult(new WorkspaceInfoPage { Total = total, PerPage = paging.PerPage, PagesCount = paging.PagesCount(total), Entities = items });
    }
}
