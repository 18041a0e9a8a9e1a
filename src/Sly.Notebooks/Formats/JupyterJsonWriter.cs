using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sly.Notebooks;

/// <summary>
/// Writes JSON the way Jupyter saves notebooks: Python's <c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)</c>
/// — keys sorted, one-space indentation, <c>": "</c> after keys, non-ASCII characters unescaped.
/// </summary>
internal static class JupyterJsonWriter
{
    public static string Write(JsonNode? node)
    {
        var builder = new StringBuilder();
        WriteNode(builder, node, 0);
        return builder.ToString();
    }

    private static void WriteNode(StringBuilder builder, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj, depth);
                break;
            case JsonArray array:
                WriteArray(builder, array, depth);
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }
        builder.Append('{');
        var first = true;
        foreach (var (key, value) in obj.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            builder.Append(first ? "\n" : ",\n");
            first = false;
            builder.Append(' ', depth + 1);
            WriteString(builder, key);
            builder.Append(": ");
            WriteNode(builder, value, depth + 1);
        }
        builder.Append('\n').Append(' ', depth).Append('}');
    }

    private static void WriteArray(StringBuilder builder, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }
        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            builder.Append(i == 0 ? "\n" : ",\n");
            builder.Append(' ', depth + 1);
            WriteNode(builder, array[i], depth + 1);
        }
        builder.Append('\n').Append(' ', depth).Append(']');
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            if (element.ValueKind == JsonValueKind.String)
                WriteString(builder, element.GetString()!);
            else
                builder.Append(element.GetRawText());
            return;
        }
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(builder, value.GetValue<string>());
                return;
            case JsonValueKind.Number when value.TryGetValue<double>(out var number):
                builder.Append(PythonFloat(number));
                return;
            case JsonValueKind.Number when value.TryGetValue<float>(out var single):
                builder.Append(PythonFloat(single));
                return;
            default:
                builder.Append(value.ToJsonString());
                return;
        }
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, always a '.' or an exponent.</summary>
    internal static string PythonFloat(double number)
    {
        if (double.IsNaN(number))
            return "NaN";
        if (double.IsInfinity(number))
            return number > 0 ? "Infinity" : "-Infinity";
        var text = number.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        if (text.Contains('e', StringComparison.Ordinal))
        {
            // Python writes at least two exponent digits: 1e-05, 1e+16.
            var at = text.IndexOf('e', StringComparison.Ordinal);
            var mantissa = text[..at];
            var exponent = text[(at + 1)..];
            var sign = exponent[0] is '-' or '+' ? exponent[0].ToString() : "+";
            var digits = exponent.TrimStart('-', '+');
            return $"{mantissa}e{sign}{digits.PadLeft(2, '0')}";
        }
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20)
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }
}
