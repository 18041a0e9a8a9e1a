using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;

namespace Sly.Notebooks.Execution;

/// <summary>
/// Turns a value into a MIME bundle through the formatters registered with Microsoft.DotNet.Interactive.Formatting,
/// as .NET Interactive does: strings and other simple values as <c>text/plain</c> only, HTML content as <c>text/html</c>
/// only, anything else as <c>text/html</c> and <c>text/plain</c> (plus any other preferred MIME type of its type).
/// </summary>
internal static class ValueRenderer
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";

    public static JsonObject Render(object? value, IReadOnlyList<string> mimeTypes)
    {
        var data = new JsonObject();
        foreach (var mime in mimeTypes.Count > 0 ? mimeTypes : DefaultMimeTypes(value))
        {
            if (string.IsNullOrWhiteSpace(mime))
                throw new ArgumentException("A MIME type is a non-empty string such as \"text/html\" or \"text/plain\".", nameof(mimeTypes));
            var text = value.ToDisplayString(mime);
            data[mime] = MimeBundleText.IsJsonMimeType(mime) ? ParseJsonOrText(text) : JsonValue.Create(text);
        }
        return data;
    }

    private static JsonNode? ParseJsonOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    internal static IReadOnlyList<string> DefaultMimeTypes(object? value)
    {
        if (value is null || IsSimple(value.GetType()))
            return [PlainText];
        if (value is IHtmlContent)
            return [Html];
        var preferred = Formatter.GetPreferredMimeTypesFor(value.GetType()).Where(m => !string.IsNullOrEmpty(m)).ToList();
        if (preferred.Count == 0)
            preferred.Add(Html);
        if (!preferred.Contains(PlainText))
            preferred.Add(PlainText);
        return preferred;
    }

    private static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset) || underlying == typeof(TimeSpan)
            || underlying == typeof(Guid) || underlying == typeof(DateOnly) || underlying == typeof(TimeOnly);
    }
}
