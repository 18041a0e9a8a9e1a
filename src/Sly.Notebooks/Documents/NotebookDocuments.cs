using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Sly.Notebooks.Documents;

/// <summary>
/// Reads .ipynb and .dib files with .NET Interactive's Documents library and writes executed notebooks as .ipynb through it.
/// </summary>
public static class NotebookDocuments
{
    private static readonly JsonSerializerOptions JupyterStyle = new() { WriteIndented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The kernels a C# notebook names (VS Code's kernelInfo items).</summary>
    public static KernelInfoCollection Kernels()
    {
        var kernels = new KernelInfoCollection
        {
            new KernelInfo("csharp", "C#", ["c#", "C#"]),
            new KernelInfo("fsharp", "F#", ["f#", "F#"]),
            new KernelInfo("pwsh", "PowerShell", ["powershell"]),
            new KernelInfo("markdown", "Markdown", ["md"]),
            new KernelInfo("html", "HTML"),
        };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    /// <summary>Reads a .ipynb or .dib file.</summary>
    /// <exception cref="ArgumentException">The file is neither.</exception>
    public static async Task<InteractiveDocument> LoadAsync(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = new FileInfo(path);
        if (file.Extension is not (".ipynb" or ".dib"))
            throw new ArgumentException($"A notebook is a .ipynb or .dib file, not '{file.Name}'.", nameof(path));
        if (!file.Exists)
            throw new FileNotFoundException($"Notebook not found: {file.FullName}", file.FullName);
        return await InteractiveDocument.LoadAsync(file, Kernels()).ConfigureAwait(false);
    }

    /// <summary>
    /// The notebook as .ipynb text. The library writes it; three things are then put right for Jupyter users: in nbformat 4.5
    /// every cell gets an id (required there; the library omits it for cells a run added), object keys are sorted as nbformat
    /// writes them (a notebook saved again by Jupyter then shows no diff of reordered keys), and MIME data that is JSON
    /// rather than text (an application/json output read from a file) is written as JSON; the library throws on it.
    /// </summary>
    public static string ToIpynb(InteractiveDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var jsonData = new List<(int Cell, int Output, string Mime, JsonNode? Value)>();
        for (var c = 0; c < document.Elements.Count; c++)
        {
            var cell = document.Elements[c];
            for (var o = 0; o < cell.Outputs.Count; o++)
            {
                if (DataOf(cell.Outputs[o]) is not { } data)
                    continue;
                foreach (var (mime, value) in data.Where(p => p.Value is not (string or IEnumerable<string>)).ToList())
                {
                    jsonData.Add((c, o, mime, value is JsonElement element ? JsonNode.Parse(element.GetRawText()) : JsonSerializer.SerializeToNode(value)));
                    data[mime] = "";
                }
            }
        }
        JsonNode json;
        try
        {
            json = JsonNode.Parse(document.ToJupyterJson())!;
        }
        finally
        {
            foreach (var (c, o, mime, value) in jsonData)
                DataOf(document.Elements[c].Outputs[o])![mime] = value is null ? "null" : JsonSerializer.Deserialize<JsonElement>(value.ToJsonString());
        }
        var cells = json["cells"]!.AsArray();
        foreach (var (c, o, mime, value) in jsonData)
            cells[c]!["outputs"]![o]!["data"]![mime] = value?.DeepClone();
        if ((int?)json["nbformat_minor"] >= 5)
        {
            foreach (var (cell, index) in cells.Select((cell, index) => (cell!.AsObject(), index)).Where(c => c.Item1["id"] is null))
                cell["id"] = "cell-" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        }
        return Sorted(json)!.ToJsonString(JupyterStyle) + "\n";
    }

    /// <summary>Writes the notebook as .ipynb through a temporary file, so a reader never sees half a notebook.</summary>
    public static void SaveIpynb(InteractiveDocument document, string path) => WriteAtomically(path, ToIpynb(document));

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file and a move.</summary>
    public static void WriteAtomically(string path, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The language a cell runs in (its kernel name, or the document's default).</summary>
    public static string KernelOf(InteractiveDocument document, InteractiveDocumentElement cell) =>
        string.IsNullOrEmpty(cell.KernelName) ? document.GetDefaultKernelName() ?? "csharp" : cell.KernelName;

    /// <summary>Whether a cell is text (markdown) rather than code.</summary>
    public static bool IsMarkdown(InteractiveDocument document, InteractiveDocumentElement cell) =>
        KernelOf(document, cell) is "markdown" or "md";

    private static IDictionary<string, object>? DataOf(InteractiveDocumentOutputElement output) => output switch
    {
        DisplayElement display => display.Data,
        ReturnValueElement value => value.Data,
        _ => null,
    };

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
