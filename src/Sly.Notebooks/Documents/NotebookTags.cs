using System.Collections;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;

namespace Sly.Notebooks.Documents;

/// <summary>The cell tags papermill and nbclient act on, read from and written to a cell's <c>metadata.tags</c>.</summary>
public static class NotebookTags
{
    /// <summary>The cell holding a notebook's default parameters (papermill).</summary>
    public const string Parameters = "parameters";

    /// <summary>The cell a run inserts with the given parameters (papermill).</summary>
    public const string InjectedParameters = "injected-parameters";

    /// <summary>A cell that is not run (nbclient).</summary>
    public const string SkipExecution = "skip-execution";

    /// <summary>A cell whose error does not stop the run (nbclient).</summary>
    public const string RaisesException = "raises-exception";

    /// <summary>The cell's tags, whatever shape the reader gave them (strings, JSON elements).</summary>
    public static IReadOnlyList<string> Of(InteractiveDocumentElement cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Metadata?.TryGetValue("tags", out var tags) == true ? Strings(tags) : [];
    }

    /// <summary>Whether the cell carries <paramref name="tag"/>.</summary>
    public static bool Has(InteractiveDocumentElement cell, string tag) => Of(cell).Contains(tag, StringComparer.Ordinal);

    /// <summary>Adds <paramref name="tag"/> to the cell unless it is there.</summary>
    public static void Add(InteractiveDocumentElement cell, string tag)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (Has(cell, tag))
            return;
        cell.Metadata ??= new Dictionary<string, object>();
        cell.Metadata["tags"] = Of(cell).Append(tag).ToArray();
    }

    private static IReadOnlyList<string> Strings(object? value) => value switch
    {
        null => [],
        string one => [one],
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
        IEnumerable items => items.Cast<object?>().Select(item => item switch
        {
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            _ => null,
        }).OfType<string>().ToList(),
        _ => [],
    };
}
