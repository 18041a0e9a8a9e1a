using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sly.Notebooks;

/// <summary>
/// Reads and writes Polyglot Notebooks' .dib: plain text with an optional <c>#!meta</c> line followed by one line of
/// JSON, then cells that each start with a <c>#!kernel</c> line (<c>#!csharp</c>, <c>#!markdown</c>, or an alias such as
/// <c>#!c#</c> or <c>#!md</c>). A <c>#!</c> line naming no known kernel (<c>#!time</c>) stays in its cell. A .dib stores
/// no outputs.
/// </summary>
public static class DibFormat
{
    private const string MetaSelector = "#!meta";

    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses the text of a .dib file into a Polyglot-style notebook (nbformat 4.5 metadata).</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="sourceName">The file name, used in error messages.</param>
    /// <exception cref="NotebookFormatException">The <c>#!meta</c> line is not followed by a JSON object.</exception>
    public static Notebook Parse(string text, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var notebook = Notebook.CreateCSharp();
        var index = 0;
        var kernelAliases = new Dictionary<string, string>(StringComparer.Ordinal);

        while (index < lines.Length && lines[index].Trim().Length == 0)
            index++;
        if (index < lines.Length && lines[index].Trim() == MetaSelector)
        {
            index++;
            while (index < lines.Length && lines[index].Trim().Length == 0)
                index++;
            if (index >= lines.Length)
                throw new NotebookFormatException($"{sourceName ?? "dib"}: '#!meta' is followed by nothing; it takes one line of JSON.");
            var metaLine = index + 1;
            JsonObject meta;
            try
            {
                meta = JsonNode.Parse(lines[index]) as JsonObject
                    ?? throw new NotebookFormatException($"{sourceName ?? "dib"}, line {metaLine}: the '#!meta' JSON is an object.");
            }
            catch (JsonException e)
            {
                throw new NotebookFormatException($"{sourceName ?? "dib"}, line {metaLine}: the line after '#!meta' is not JSON: {e.Message}", e);
            }
            index++;
            if (meta["kernelInfo"] is JsonObject kernelInfo)
            {
                ((JsonObject)notebook.Metadata["polyglot_notebook"]!)["kernelInfo"] = kernelInfo.DeepClone();
                CollectAliases(kernelInfo, kernelAliases);
            }
            foreach (var (key, value) in meta)
            {
                if (key != "kernelInfo")
                    ((JsonObject)notebook.Metadata["polyglot_notebook"]!)[key] = value?.DeepClone();
            }
        }

        string? language = null;
        var explicitCell = false;
        var body = new List<string>();
        for (; index < lines.Length; index++)
        {
            var kernel = KernelOf(lines[index], kernelAliases);
            if (kernel is null)
            {
                body.Add(lines[index]);
                continue;
            }
            AddCell(notebook, language, body, explicitCell);
            language = kernel;
            explicitCell = true;
            body.Clear();
        }
        AddCell(notebook, language, body, explicitCell);
        return notebook;
    }

    /// <summary>The .dib text of a notebook: a <c>#!meta</c> line with the kernel info, then each cell under its kernel selector.</summary>
    /// <remarks>Outputs are not part of a .dib and are left out. Raw cells are written as markdown cells (their text is kept).</remarks>
    public static string Serialize(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var meta = new JsonObject();
        if (notebook.Metadata["polyglot_notebook"] is JsonObject polyglot)
        {
            foreach (var (key, value) in polyglot)
                meta[key] = value?.DeepClone();
        }
        meta["kernelInfo"] ??= Notebook.DefaultKernelInfo();

        var builder = new StringBuilder();
        builder.Append(MetaSelector).Append("\n\n").Append(meta.ToJsonString(CompactJson)).Append("\n\n");
        var first = true;
        foreach (var cell in notebook.Cells)
        {
            if (!first)
                builder.Append("\n\n");
            first = false;
            var kernel = cell.CellType == NotebookCellType.Code ? notebook.LanguageOf(cell) : KernelNames.Markdown;
            builder.Append("#!").Append(kernel).Append("\n\n").Append(cell.Source.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
        }
        builder.Append('\n');
        return builder.ToString();
    }

    private static void AddCell(Notebook notebook, string? language, List<string> body, bool explicitCell)
    {
        var start = 0;
        var end = body.Count;
        while (start < end && body[start].Trim().Length == 0)
            start++;
        while (end > start && body[end - 1].Trim().Length == 0)
            end--;
        if (start == end && !explicitCell)
            return;
        var source = string.Join("\n", body.Skip(start).Take(end - start));
        var kernel = language ?? notebook.DefaultKernelName;
        notebook.Cells.Add(kernel == KernelNames.Markdown ? NotebookCell.Markdown(source) : NotebookCell.Code(source, kernel));
    }

    private static string? KernelOf(string line, Dictionary<string, string> aliases)
    {
        if (!line.StartsWith("#!", StringComparison.Ordinal))
            return null;
        var name = line[2..].Trim();
        if (name.Length == 0 || name.Contains(' ', StringComparison.Ordinal))
            return null;
        return aliases.TryGetValue(name, out var declared) ? declared : KernelNames.Normalize(name);
    }

    private static void CollectAliases(JsonObject kernelInfo, Dictionary<string, string> aliases)
    {
        if (kernelInfo["items"] is not JsonArray items)
            return;
        foreach (var item in items.OfType<JsonObject>())
        {
            if (item["name"] is not JsonValue nameValue || nameValue.GetValueKind() != JsonValueKind.String)
                continue;
            var declared = nameValue.GetValue<string>();
            var name = KernelNames.Normalize(declared) ?? declared;
            aliases[declared] = name;
            if (item["aliases"] is JsonArray list)
            {
                foreach (var alias in list.OfType<JsonValue>().Where(a => a.GetValueKind() == JsonValueKind.String))
                    aliases[alias.GetValue<string>()] = name;
            }
        }
    }
}
