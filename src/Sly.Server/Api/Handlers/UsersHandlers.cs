using Sly.Api;
using Sly.Server.Auth;

namespace Sly.Server.Api.Handlers;

/// <summary>users.me.</summary>
public sealed class UsersHandlers(UserStore users, RequestContext caller)
{
    public Task<UserInfo> UsersMeAsync(System.Text.Json.Nodes.JsonObject? request, CancellationToken cancellationToken) =>
        Task.FromResult(users.Get(caller.User.Id) ?? throw ApiError.NotFound("User", caller.User.Id));
}
