using Sly.Server.Auth;

namespace Sly.Server.Api;

/// <summary>One operation call: the HTTP context, the authenticated user and the body limits.</summary>
public sealed class ApiContext(HttpContext http, AuthenticatedUser user, long maxJsonBodyBytes, long maxUploadBytes)
{
    public HttpContext Http { get; } = http;

    public AuthenticatedUser User { get; } = user;

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The address clients reach this server at, for absolute URLs such as fullStorageUrl.</summary>
    public string PublicBase => $"{Http.Request.Scheme}://{Http.Request.Host}";

    public Task<T> BodyAsync<T>(bool optional = false) => RequestBodyReader.ReadAsync<T>(Http, maxJsonBodyBytes, optional);

    /// <summary>The files of a multipart/form-data body.</summary>
    public Task<IFormFileCollection> FormFilesAsync() => RequestBodyReader.ReadFilesAsync(Http, maxUploadBytes);
}
