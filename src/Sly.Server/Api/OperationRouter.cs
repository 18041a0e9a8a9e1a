using System.Text.Json;
using Sly.Api;
using Sly.Api.Json;
using Sly.Server.Auth;
using Sly.Server.Domain;

namespace Sly.Server.Api;

/// <summary>
/// Serves POST /public/api/v3/{method}: authenticates the API key, dispatches to the operation's handler and answers
/// errors in the wire shape. Every operation of the generated contract must have a handler (checked at start-up).
/// </summary>
public sealed class OperationRouter
{
    private readonly Dictionary<string, Func<ApiContext, Task<object?>>> _handlers = new(StringComparer.Ordinal);

    public void Map(string method, Func<ApiContext, Task<object?>> handler)
    {
        if (!_handlers.TryAdd(method, handler))
            throw new InvalidOperationException($"Operation '{method}' is mapped twice");
    }

    public IReadOnlyCollection<string> Methods => _handlers.Keys;

    /// <summary>Operations of the contract that have no handler (empty when the server is complete).</summary>
    public IEnumerable<string> Unmapped() =>
        SuperviselyOperations.All.Select(o => o.Path.TrimStart('/')).Where(m => !_handlers.ContainsKey(m));

    public async Task Handle(HttpContext http, string method, ApiKeyAuthenticator authenticator, long maxJsonBodyBytes, long maxUploadBytes, ILogger logger)
    {
        try
        {
            var user = authenticator.Authenticate(http.Request.Headers["x-api-key"]);
            if (!_handlers.TryGetValue(method, out var handler))
                throw ApiError.NotFound($"Unknown API method '{method}'");
            var caller = http.RequestServices.GetRequiredService<RequestContext>();
            caller.User = user;
            caller.PublicBase = $"{http.Request.Scheme}://{http.Request.Host}";
            var result = await handler(new ApiContext(http, user, maxJsonBodyBytes, maxUploadBytes));
            if (result is IResult direct)
            {
                await direct.ExecuteAsync(http);
                return;
            }
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body, result, result?.GetType() ?? typeof(object), SuperviselyJson.Options, http.RequestAborted);
        }
        catch (ApiError error)
        {
            await WriteError(http, error);
        }
        catch (DomainException domain)
        {
            await WriteError(http, DomainErrors.ToApiError(domain));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Operation {Method} failed", method);
            await WriteError(http, new ApiError(500, "Internal server error", ex.Message));
        }
    }

    public static async Task WriteError(HttpContext http, ApiError error)
    {
        if (http.Response.HasStarted)
            return;
        http.Response.StatusCode = error.StatusCode;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(error.ToBody().ToJsonString());
    }
}
