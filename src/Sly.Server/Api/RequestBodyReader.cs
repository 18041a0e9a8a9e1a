using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Sly.Api.Json;

namespace Sly.Server.Api;

/// <summary>
/// Reads a JSON request body into a generated contract record. Malformed JSON, a wrong type or a missing required
/// property becomes a 400 whose message names the field and what it must be.
/// </summary>
public static partial class RequestBodyReader
{
    /// <summary>The body as <typeparamref name="T"/>; an <paramref name="optional"/> body may be missing or null (then default).</summary>
    public static async Task<T> ReadAsync<T>(HttpContext context, long maxBytes, bool optional = false)
    {
        if (context.Request.ContentLength > maxBytes)
            throw ApiError.TooLarge($"The request body is {context.Request.ContentLength} bytes; at most {maxBytes} are accepted");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;

        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw ApiError.TooLarge($"The request body is larger than the {maxBytes} bytes accepted");
        }
        if (buffer.Length == 0)
        {
            if (optional)
                return default!;
            throw ApiError.BadRequest("The request body is empty; a JSON object is required");
        }
        buffer.Position = 0;
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer, SuperviselyJson.Options);
            // an optional body may be JSON null (a client with nothing to send); a required one may not
            if (value is null && !optional)
                throw ApiError.BadRequest("The request body is null; a JSON object is required");
            return value!;
        }
        catch (JsonException ex)
        {
            throw ApiError.BadRequest(Describe(ex));
        }
    }

    /// <summary>The files of a multipart/form-data body of at most <paramref name="maxBytes"/>.</summary>
    public static async Task<IFormFileCollection> ReadFilesAsync(HttpContext context, long maxBytes)
    {
        if (!context.Request.HasFormContentType)
            throw ApiError.BadRequest("This operation expects multipart/form-data with one file part per image");
        if (context.Request.ContentLength > maxBytes)
            throw ApiError.TooLarge($"The upload is {context.Request.ContentLength} bytes; at most {maxBytes} are accepted per request");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        try
        {
            var form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes, ValueCountLimit = MaxFormParts }, context.RequestAborted);
            return form.Files;
        }
        catch (InvalidDataException ex)
        {
            throw ApiError.BadRequest("The multipart body cannot be read: " + ex.Message);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw ApiError.TooLarge($"The upload is larger than the {maxBytes} bytes accepted");
        }
    }

    private const int MaxFormParts = 10000;

    /// <summary>Turns System.Text.Json's message into one that names the field in the request's own terms.</summary>
    public static string Describe(JsonException ex)
    {
        if (ex.InnerException?.GetType().Name == "JsonReaderException")
            return $"The request body is not valid JSON: {FirstSentence(ex.InnerException.Message)} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine})";
        var missing = MissingProperties().Match(ex.Message);
        if (missing.Success)
            return $"'{missing.Groups[1].Value}' is required";
        var field = FieldName(ex.Path);
        var converted = ConvertedTo().Match(ex.Message);
        if (converted.Success && field is not null)
            return $"'{field}' must be {JsonKind(converted.Groups[1].Value)}";
        if (field is not null)
            return $"'{field}' is invalid: {FirstSentence(ex.Message)}";
        return "The request body is not valid JSON: " + FirstSentence(ex.Message);
    }

    private static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
            return null;
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string JsonKind(string clrType)
    {
        var bare = clrType.Split('[')[0];
        if (bare.Contains("Nullable`1", StringComparison.Ordinal))
            bare = clrType;
        return bare switch
        {
            _ when bare.Contains("Int32", StringComparison.Ordinal) || bare.Contains("Int64", StringComparison.Ordinal) => "an integer",
            _ when bare.Contains("Single", StringComparison.Ordinal) || bare.Contains("Double", StringComparison.Ordinal) => "a number",
            _ when bare.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ when bare.Contains("String", StringComparison.Ordinal) => "a string",
            _ when bare.Contains("DateTimeOffset", StringComparison.Ordinal) => "an ISO 8601 timestamp",
            _ when bare.Contains("IReadOnlyList", StringComparison.Ordinal) || bare.Contains("List", StringComparison.Ordinal) => "an array",
            _ => "a " + bare.Split('.').Last().Replace("`1", "", StringComparison.Ordinal),
        };
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex(@"missing required properties including: '([^']+)'")]
    private static partial Regex MissingProperties();

    [GeneratedRegex(@"could not be converted to ([^\s.]+(?:\.[^\s.]+)*)")]
    private static partial Regex ConvertedTo();
}
