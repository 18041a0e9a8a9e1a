using System.Net;

namespace Sly.Interactive.Client;

/// <summary>An API call answered with an error: the HTTP status, the operation, and the server's error and message.</summary>
public sealed class SlyApiException : Exception
{
    /// <summary>Describes a failed call.</summary>
    public SlyApiException(HttpStatusCode status, string operation, string? error, string? detailsMessage, string? body)
        : base($"{(int)status} {status} from {operation}: {error ?? "error"}{(detailsMessage is null ? "" : " - " + detailsMessage)}")
    {
        Status = status;
        Operation = operation;
        Error = error;
        DetailsMessage = detailsMessage;
        Body = body;
    }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The API method, e.g. "projects.info".</summary>
    public string Operation { get; }

    /// <summary>The body's "error" text.</summary>
    public string? Error { get; }

    /// <summary>The body's "details.message" (or the first "details[].message").</summary>
    public string? DetailsMessage { get; }

    /// <summary>The raw response body.</summary>
    public string? Body { get; }
}
