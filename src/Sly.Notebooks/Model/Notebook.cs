using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sly.Notebooks;

/// <summary>
/// A notebook in nbformat 4's shape: format version, notebook metadata (kept verbatim) and cells. Read and written by
/// <see cref="NotebookFile"/> as .ipynb or .dib.
/// </summary>
public sealed class Notebook
{
    /// <summary>Creates an empty notebook.</summary>
    /// <param name="nbformatMinor">The nbformat 4 minor version; 5 and later give cells ids.</param>
    /// <param name="metadata">Notebook metadata, kept verbatim; empty when null.</param>
    public Notebook(int nbformatMinor = 5, JsonObject? metadata = null)
    {
        if (nbformatMinor < 0)
            throw new ArgumentOutOfRangeException(nameof(nbformatMinor), nbformatMinor, "The nbformat minor version is 0 or more.");
        NbFormatMinor = nbformatMinor;
        Metadata = metadata ?? new JsonObject();
    }

    /// <summary>The nbformat major version; this model reads and writes 4.</summary>
    public int NbFormat { get; } = 4;

    /// <summary>The nbformat minor version (VS Code writes 2; Jupyter 5, with cell ids).</summary>
    public int NbFormatMinor { get; set; }

    /// <summary>Notebook metadata (kernelspec, language_info, polyglot_notebook, papermill, …), kept verbatim.</summary>
    public JsonObject Metadata { get; }

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>Top-level fields that this model does not name, kept verbatim for the round trip.</summary>
    public JsonObject AdditionalProperties { get; } = new();

    /// <summary>
    /// The kernel a cell without language metadata belongs to: <c>metadata.polyglot_notebook.kernelInfo.defaultKernelName</c>,
    /// else the kernelspec's language, else <c>csharp</c>.
    /// </summary>
    public string DefaultKernelName
    {
        get
        {
            if (Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"] is JsonValue name && name.GetValueKind() == JsonValueKind.String)
                return KernelNames.Normalize(name.GetValue<string>()) ?? name.GetValue<string>();
            if (Metadata["kernelspec"]?["language"] is JsonValue language && language.GetValueKind() == JsonValueKind.String)
                return KernelNames.Normalize(language.GetValue<string>()) ?? language.GetValue<string>();
            return KernelNames.CSharp;
        }
    }

    /// <summary>The language a cell runs in: its own metadata, else a Markdown cell's "markdown", else <see cref="DefaultKernelName"/>.</summary>
    public string LanguageOf(NotebookCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.CellType == NotebookCellType.Markdown)
            return KernelNames.Markdown;
        return KernelNames.Normalize(cell.Language) ?? cell.Language ?? DefaultKernelName;
    }

    /// <summary>
    /// A new, empty C# notebook with the metadata VS Code's Polyglot Notebooks writes (kernelspec <c>.net-csharp</c>,
    /// language_info <c>polyglot-notebook</c>, <c>polyglot_notebook.kernelInfo</c>), in nbformat 4.5.
    /// </summary>
    public static Notebook CreateCSharp()
    {
        var metadata = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = DefaultKernelInfo() },
        };
        return new Notebook(5, metadata);
    }

    /// <summary>The <c>kernelInfo</c> object Polyglot Notebooks writes for a C# notebook.</summary>
    internal static JsonObject DefaultKernelInfo() => new()
    {
        ["defaultKernelName"] = KernelNames.CSharp,
        ["items"] = new JsonArray
        {
            new JsonObject { ["aliases"] = new JsonArray("c#", "C#"), ["languageName"] = "csharp", ["name"] = "csharp" },
            new JsonObject { ["aliases"] = new JsonArray("md"), ["languageName"] = "Markdown", ["name"] = "markdown" },
        },
    };

    /// <summary>A deep copy of the notebook, cells and outputs included.</summary>
    public Notebook Clone()
    {
        var clone = new Notebook(NbFormatMinor, (JsonObject)Metadata.DeepClone());
        clone.Cells.AddRange(Cells.Select(cell => cell.Clone()));
        foreach (var (key, value) in AdditionalProperties)
            clone.AdditionalProperties[key] = value?.DeepClone();
        return clone;
    }
}
