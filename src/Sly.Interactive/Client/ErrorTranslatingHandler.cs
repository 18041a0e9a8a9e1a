using System.Text.Json;

namespace Sly.Interactive.Client;

/// <summary>Turns every 4xx/5xx answer (after retries) into a <see cref="SlyApiException"/> carrying error and details.message.</summary>
internal sealed class ErrorTranslatingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode < 400)
            return response;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var operation = request.RequestUri?.Segments.LastOrDefault() ?? "?";
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
        response.Dispose();
        throw new SlyApiException(response.StatusCode, operation, error, message, body);
    }
}
