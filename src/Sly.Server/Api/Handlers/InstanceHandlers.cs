using Sly.Api;

namespace Sly.Server.Api.Handlers;

/// <summary>instance.version.</summary>
public sealed class InstanceHandlers
{
    /// <summary>The Supervisely version this server is compatible with; the SDK warns below 6.17.8.</summary>
    public const string CompatibleVersion = "6.17.8";

    public Task<InstanceVersion> InstanceVersionAsync(System.Text.Json.Nodes.JsonObject? request, CancellationToken cancellationToken) =>
        Task.FromResult(new InstanceVersion { Version = CompatibleVersion });
}
