using Sly.Api;
using Sly.Server.Storage;

namespace Sly.Server.Api.Handlers;

/// <summary>teams.list.</summary>
public sealed class TeamsHandlers(WorkspaceStore workspaces, RequestContext caller)
{
    public Task<TeamInfoPage> TeamsListAsync(TeamsListRequest? request, CancellationToken cancellationToken)
    {
        var paging = Paging.From(request?.Page, request?.PerPage);
        var (total, items) = workspaces.Teams(caller.User.Role, request?.Filter, paging);
        return Task.FromResult(new TeamInfoPage { Total = total, PerPage = paging.PerPage, PagesCount = paging.PagesCount(total), Entities = items });
    }
}
