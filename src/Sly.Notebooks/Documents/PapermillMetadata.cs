using System.Collections;
using System.Globalization;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;

namespace Sly.Notebooks.Documents;

/// <summary>papermill's <c>metadata.papermill</c> sections of a notebook and its cells, kept as plain dictionaries the writer serialises.</summary>
public static class PapermillMetadata
{
    /// <summary>The notebook's <c>metadata.papermill</c>, created when missing (an existing one read from JSON is copied in).</summary>
    public static IDictionary<string, object?> Of(InteractiveDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Metadata.TryGetValue("papermill", out var existing) && existing is IDictionary<string, object?> section)
            return section;
        var fresh = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (existing is JsonElement { ValueKind: JsonValueKind.Object } read)
        {
            foreach (var property in read.EnumerateObject())
                fresh[property.Name] = property.Value.Clone();
        }
        document.Metadata["papermill"] = fresh;
        return fresh;
    }

    /// <summary>A cell's papermill record (times, status, exception).</summary>
    public static Dictionary<string, object?> CellRecord(DateTimeOffset? start, DateTimeOffset? end, string status, bool? exception) => new(StringComparer.Ordinal)
    {
        ["duration"] = start is { } s && end is { } e ? (e - s).TotalSeconds : null,
        ["end_time"] = end is { } endTime ? Time(endTime) : null,
        ["exception"] = exception,
        ["start_time"] = start is { } startTime ? Time(startTime) : null,
        ["status"] = status,
    };

    /// <summary>papermill's timestamps: <c>datetime.utcnow().isoformat()</c>, no zone suffix.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>A parameter as papermill records it (JSON-compatible; non-finite numbers as strings).</summary>
    public static object? Value(object? value) => value switch
    {
        null or string or bool or long or int or decimal => value,
        double number => double.IsFinite(number) ? number : number.ToString(CultureInfo.InvariantCulture),
        float number => float.IsFinite(number) ? number : number.ToString(CultureInfo.InvariantCulture),
        IDictionary map => map.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => Value(map[k])),
        IEnumerable list => list.Cast<object?>().Select(Value).ToList(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
