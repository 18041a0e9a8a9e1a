using System.Text.Json;

namespace Sly.Interactive.Client;

/// <summary>Turns a 4xx/5xx answer (after retries) into a <see cref="SlyApiException"/> carrying error and details.message.</summary>
internal static class SlyApiErrors
{
    public static async Task<Exception?> FromResponseAsync(HttpResponseMessage response)
    {
        if ((int)response.StatusCode < 400)
            return null;
        var body = await response.Content.ReadAsStringAsync();
        var operation = response.RequestMessage?.RequestUri?.Segments.LastOrDefault() ?? "?";
        string? error = null, message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                error = e.GetString();
            if (root.TryGetProperty("details", out var details))
            {
                if (details.ValueKind == JsonValueKind.Object && details.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    message = m.GetString();
                else if (details.ValueKind == JsonValueKind.Array && details.GetArrayLength() > 0 && details[0].ValueKind == JsonValueKind.Object
                         && details[0].TryGetProperty("message", out var first) && first.ValueKind == JsonValueKind.String)
                    message = first.GetString();
            }
        }
        catch (JsonException)
        {
            error = response.ReasonPhrase;
        }
        return new SlyApiException(response.StatusCode, operation, error, message, body);
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (await FromResponseAsync(response) is { } exception)
            throw exception;
    }
}
