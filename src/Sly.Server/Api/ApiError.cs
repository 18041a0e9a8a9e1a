using System.Text.Json.Nodes;

namespace Sly.Server.Api;

/// <summary>A failure answered as Supervisely answers it: a status code and {error, details:{message, …}}.</summary>
public sealed class ApiError : Exception
{
    public ApiError(int statusCode, string error, string message, JsonObject? details = null)
        : base(message)
    {
        StatusCode = statusCode;
        Error = error;
        Details = details ?? new JsonObject();
        Details["message"] = message;
    }

    public int StatusCode { get; }

    public string Error { get; }

    public JsonObject Details { get; }

    public static ApiError BadRequest(string message, JsonObject? details = null) => new(400, "Bad request", message, details);

    public static ApiError NotFound(string what, long id) => new(404, "Not found", $"{what} {id} does not exist");

    public static ApiError NotFound(string message) => new(404, "Not found", message);

    public static ApiError Unauthorized(string message) => new(401, "Unauthorized", message);

    public static ApiError Forbidden(string message) => new(403, "Forbidden", message);

    public static ApiError TooLarge(string message) => new(413, "Payload too large", message);

    public JsonObject ToBody() => new() { ["error"] = Error, ["details"] = Details.DeepClone() };
}
