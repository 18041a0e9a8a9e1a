using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sly.Notebooks;

/// <summary>
/// One cell of a notebook: code, markdown or raw text with its metadata, and for code cells the execution count and
/// outputs of the last run.
/// </summary>
public sealed class NotebookCell
{
    /// <summary>The cell tag papermill looks for: the cell that holds the notebook's default parameters.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The cell tag of the cell papermill inserts with the parameters of a run.</summary>
    public const string InjectedParametersTag = "injected-parameters";

    /// <summary>The cell tag that makes nbclient skip a cell.</summary>
    public const string SkipExecutionTag = "skip-execution";

    /// <summary>The cell tag that tells nbclient an error in the cell is expected.</summary>
    public const string RaisesExceptionTag = "raises-exception";

    private string _source;

    /// <summary>Creates a cell.</summary>
    /// <param name="cellType">Code, markdown or raw.</param>
    /// <param name="source">The cell's text.</param>
    /// <param name="metadata">The cell metadata, kept verbatim; empty when null.</param>
    public NotebookCell(NotebookCellType cellType, string source, JsonObject? metadata = null)
    {
        if (!Enum.IsDefined(cellType))
            throw new ArgumentOutOfRangeException(nameof(cellType), cellType, "A cell is Code, Markdown or Raw.");
        ArgumentNullException.ThrowIfNull(source);
        CellType = cellType;
        _source = source;
        Metadata = metadata ?? new JsonObject();
    }

    /// <summary>A C# code cell with the metadata VS Code's Polyglot Notebooks writes.</summary>
    public static NotebookCell Code(string source, string language = KernelNames.CSharp)
    {
        var cell = new NotebookCell(NotebookCellType.Code, source) { Language = language };
        return cell;
    }

    /// <summary>A markdown cell.</summary>
    public static NotebookCell Markdown(string source) => new(NotebookCellType.Markdown, source);

    /// <summary>The cell id (nbformat 4.5 and later), or null.</summary>
    public string? Id { get; set; }

    /// <summary>Code, markdown or raw.</summary>
    public NotebookCellType CellType { get; }

    /// <summary>The cell's text.</summary>
    public string Source
    {
        get => _source;
        set => _source = value ?? throw new ArgumentNullException(nameof(value), "A cell's source is a string; use \"\" for an empty cell.");
    }

    /// <summary>The cell metadata, kept verbatim (tags, language, timing, papermill, anything else).</summary>
    public JsonObject Metadata { get; }

    /// <summary>The attachments of a markdown or raw cell (name → MIME bundle), or null.</summary>
    public JsonObject? Attachments { get; set; }

    /// <summary>The execution count of a code cell's last run, or null when it has not run.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The outputs of a code cell's last run. Locked while it is written to from a running cell.</summary>
    public List<NotebookOutput> Outputs { get; } = [];

    /// <summary>Fields of the cell that this model does not name, kept verbatim for the round trip.</summary>
    public JsonObject AdditionalProperties { get; } = new();

    /// <summary>The cell's tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags
            ? tags.Where(tag => tag?.GetValueKind() == JsonValueKind.String).Select(tag => tag!.GetValue<string>()).ToList()
            : [];

    /// <summary>Whether the cell carries a tag.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>Adds a tag unless the cell has it already.</summary>
    public void AddTag(string tag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        if (HasTag(tag))
            return;
        if (Metadata["tags"] is not JsonArray tags)
        {
            tags = [];
            Metadata["tags"] = tags;
        }
        tags.Add(tag);
    }

    /// <summary>
    /// The language (kernel name) of a code cell as Polyglot Notebooks records it: <c>metadata.polyglot_notebook.kernelName</c>,
    /// else <c>metadata.dotnet_interactive.language</c>; null when neither is set (the notebook's default kernel).
    /// Setting it writes both.
    /// </summary>
    public string? Language
    {
        get => ReadString(Metadata["polyglot_notebook"], "kernelName") ?? ReadString(Metadata["dotnet_interactive"], "language");
        set
        {
            if (value is null)
            {
                RemoveKey("polyglot_notebook", "kernelName");
                RemoveKey("dotnet_interactive", "language");
                return;
            }
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(value));
            SectionOf("dotnet_interactive")["language"] = value;
            SectionOf("polyglot_notebook")["kernelName"] = value;
        }
    }

    /// <summary>A deep copy of the cell with its outputs.</summary>
    public NotebookCell Clone()
    {
        var clone = new NotebookCell(CellType, Source, (JsonObject)Metadata.DeepClone())
        {
            Id = Id,
            Attachments = (JsonObject?)Attachments?.DeepClone(),
            ExecutionCount = ExecutionCount,
        };
        lock (Outputs)
            clone.Outputs.AddRange(Outputs.Select(output => output.Clone()));
        foreach (var (key, value) in AdditionalProperties)
            clone.AdditionalProperties[key] = value?.DeepClone();
        return clone;
    }

    private JsonObject SectionOf(string key)
    {
        if (Metadata[key] is JsonObject section)
            return section;
        section = new JsonObject();
        Metadata[key] = section;
        return section;
    }

    private void RemoveKey(string section, string key)
    {
        if (Metadata[section] is JsonObject value)
            value.Remove(key);
    }

    private static string? ReadString(JsonNode? section, string key) =>
        section is JsonObject obj && obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;
}
