using Sly.Server.Auth;

namespace Sly.Server.Api;

/// <summary>Who calls the operation being handled, and the address they reach this server at (for absolute URLs such as fullStorageUrl).</summary>
public sealed class RequestContext
{
    /// <summary>The authenticated caller.</summary>
    public AuthenticatedUser User { get; internal set; } = null!;

    /// <summary>scheme://host:port as the caller addressed the server.</summary>
    public string PublicBase { get; internal set; } = "";
}
