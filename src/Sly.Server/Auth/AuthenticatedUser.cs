namespace Sly.Server.Auth;

/// <summary>The caller of an operation, and the token it called with (AI-search collections are keyed by it).</summary>
public sealed record AuthenticatedUser(long Id, string Login, string Role, string Token)
{
    public bool IsAdmin => Role == "admin";
}
