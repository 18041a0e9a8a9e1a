using Microsoft.DotNet.Interactive.Documents;
using Sly.Notebooks.Documents;

namespace Sly.Notebooks.Tests;

/// <summary>Small C# notebooks for tests: a string starting with "# " is a markdown cell, anything else C#.</summary>
internal static class TestNotebooks
{
    public static InteractiveDocument Create(params string[] cells)
    {
        var document = new InteractiveDocument();
        foreach (var source in cells)
            document.Add(new InteractiveDocumentElement(source, source.StartsWith("# ", StringComparison.Ordinal) ? "markdown" : "csharp") { Metadata = new Dictionary<string, object>() });
        return document;
    }

    public static InteractiveDocumentElement Tagged(this InteractiveDocumentElement cell, string tag)
    {
        NotebookTags.Add(cell, tag);
        return cell;
    }

    public static string Text(this InteractiveDocumentOutputElement output, string mime = "text/plain") => output switch
    {
        ReturnValueElement value => Joined(value.Data[mime]),
        DisplayElement display => Joined(display.Data[mime]),
        TextElement text => text.Text,
        ErrorElement error => error.ErrorValue,
        _ => throw new ArgumentOutOfRangeException(nameof(output)),
    };

    /// <summary>A MIME value as a run holds it (a string) or as a file read back holds it (a list of lines).</summary>
    private static string Joined(object value) => value is string text ? text : string.Concat(((System.Collections.IEnumerable)value).Cast<object>());

    public static IDictionary<string, object?> Papermill(this InteractiveDocumentElement cell) => (IDictionary<string, object?>)cell.Metadata!["papermill"];
}
