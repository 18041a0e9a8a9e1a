using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sly.Notebooks;

/// <summary>nbformat's multiline strings: a string or a list of lines, split the way Python's <c>splitlines(True)</c> does.</summary>
internal static class MimeBundleText
{
    /// <summary>Joins a multiline string (a string or an array of strings); null for anything else.</summary>
    public static string? Join(JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return value.GetValue<string>();
            case JsonArray array when array.All(item => item?.GetValueKind() == JsonValueKind.String):
                var builder = new StringBuilder();
                foreach (var item in array)
                    builder.Append(item!.GetValue<string>());
                return builder.ToString();
            default:
                return null;
        }
    }

    /// <summary>Splits text into lines that keep their line ends, like Python's <c>str.splitlines(True)</c>.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsLineBreak(c))
                continue;
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                i++;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length)
            lines.Add(text[start..]);
        return lines;
    }

    /// <summary>The line boundaries Python's <c>str.splitlines</c> recognises.</summary>
    private static bool IsLineBreak(char c) =>
        c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    /// <summary>Whether a MIME type's string value is stored split into lines (nbformat's rule).</summary>
    public static bool IsSplitMimeType(string mimeType) =>
        mimeType.StartsWith("text/", StringComparison.Ordinal) || mimeType is "application/javascript" or "image/svg+xml";

    /// <summary>Whether a MIME type holds JSON (kept as a JSON value, never joined).</summary>
    public static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json" || (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));
}
