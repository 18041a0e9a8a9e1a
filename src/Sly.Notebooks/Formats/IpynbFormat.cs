using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sly.Notebooks;

/// <summary>
/// Reads and writes Jupyter's .ipynb (nbformat 4). Writing follows nbformat exactly: multiline strings as lists of lines,
/// keys sorted, one-space indentation, a trailing newline, cell ids from minor version 5 on (generated where missing).
/// Fields this model does not name are kept, so a read followed by a write changes nothing.
/// </summary>
public static class IpynbFormat
{
    private static readonly JsonDocumentOptions ReadOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses the text of an .ipynb file.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="sourceName">The file name, used in error messages.</param>
    /// <exception cref="NotebookFormatException">The text is not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var where = sourceName ?? "notebook";
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: ReadOptions);
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"{where} is not JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj)
            throw new NotebookFormatException($"{where}: an .ipynb file holds a JSON object at the top.");

        var major = ReadInt(obj, "nbformat", where) ?? throw new NotebookFormatException($"{where}: 'nbformat' is missing.");
        if (major != 4)
            throw new NotebookFormatException($"{where}: nbformat {major} is not supported; only nbformat 4 is (convert with 'jupyter nbconvert --to notebook').");
        var minor = ReadInt(obj, "nbformat_minor", where) ?? 0;
        var metadata = obj["metadata"] switch
        {
            null => new JsonObject(),
            JsonObject value => (JsonObject)value.DeepClone(),
            _ => throw new NotebookFormatException($"{where}: 'metadata' is an object."),
        };
        var notebook = new Notebook(minor, metadata);
        if (obj["cells"] is not JsonArray cells)
            throw new NotebookFormatException($"{where}: 'cells' is missing or not an array.");
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell)
                throw new NotebookFormatException($"{where}: cell {i} is not an object.");
            notebook.Cells.Add(ReadCell(cell, $"{where}, cell {i}"));
        }
        foreach (var (key, value) in obj)
        {
            if (key is not ("nbformat" or "nbformat_minor" or "metadata" or "cells"))
                notebook.AdditionalProperties[key] = value?.DeepClone();
        }
        return notebook;
    }

    /// <summary>The .ipynb text of a notebook, as Jupyter writes it (ending with a newline).</summary>
    /// <remarks>In nbformat 4.5 and later every cell needs an id: cells without one get a fresh one, stored on the cell.</remarks>
    public static string Serialize(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return JupyterJsonWriter.Write(ToJson(notebook)) + "\n";
    }

    /// <summary>The notebook as nbformat's JSON object.</summary>
    public static JsonObject ToJson(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var cells = new JsonArray();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in notebook.Cells)
            cells.Add(WriteCell(cell, notebook.NbFormatMinor >= 5, usedIds));
        var root = new JsonObject();
        foreach (var (key, value) in notebook.AdditionalProperties)
            root[key] = value?.DeepClone();
        root["cells"] = cells;
        root["metadata"] = notebook.Metadata.DeepClone();
        root["nbformat"] = notebook.NbFormat;
        root["nbformat_minor"] = notebook.NbFormatMinor;
        return root;
    }

    private static NotebookCell ReadCell(JsonObject obj, string where)
    {
        var typeName = ReadString(obj, "cell_type", where);
        var type = typeName switch
        {
            "code" => NotebookCellType.Code,
            "markdown" => NotebookCellType.Markdown,
            "raw" => NotebookCellType.Raw,
            _ => throw new NotebookFormatException($"{where}: cell_type is 'code', 'markdown' or 'raw', not '{typeName}'."),
        };
        var source = obj["source"] is null ? "" : MimeBundleText.Join(obj["source"])
            ?? throw new NotebookFormatException($"{where}: 'source' is a string or a list of strings.");
        var metadata = obj["metadata"] switch
        {
            null => new JsonObject(),
            JsonObject value => (JsonObject)value.DeepClone(),
            _ => throw new NotebookFormatException($"{where}: 'metadata' is an object."),
        };
        var cell = new NotebookCell(type, source, metadata);
        if (obj["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String)
            cell.Id = id.GetValue<string>();
        if (obj["attachments"] is JsonObject attachments)
            cell.Attachments = (JsonObject)attachments.DeepClone();
        if (type == NotebookCellType.Code)
        {
            cell.ExecutionCount = ReadInt(obj, "execution_count", where);
            if (obj["outputs"] is JsonArray outputs)
            {
                for (var i = 0; i < outputs.Count; i++)
                {
                    if (outputs[i] is not JsonObject output)
                        throw new NotebookFormatException($"{where}: output {i} is not an object.");
                    cell.Outputs.Add(ReadOutput(output, $"{where}, output {i}"));
                }
            }
        }
        foreach (var (key, value) in obj)
        {
            if (key is not ("cell_type" or "source" or "metadata" or "id" or "attachments" or "execution_count" or "outputs"))
                cell.AdditionalProperties[key] = value?.DeepClone();
        }
        return cell;
    }

    private static NotebookOutput ReadOutput(JsonObject obj, string where)
    {
        var type = ReadString(obj, "output_type", where);
        NotebookOutput output;
        string[] known;
        switch (type)
        {
            case "stream":
                var name = ReadString(obj, "name", where);
                if (name is not (StreamOutput.StandardOutput or StreamOutput.StandardError))
                    throw new NotebookFormatException($"{where}: a stream is named 'stdout' or 'stderr', not '{name}'.");
                var text = MimeBundleText.Join(obj["text"]) ?? throw new NotebookFormatException($"{where}: 'text' is a string or a list of strings.");
                output = new StreamOutput(name, text);
                known = ["output_type", "name", "text"];
                break;
            case "display_data":
                output = new DisplayDataOutput(ReadBundle(obj["data"], where), ReadObject(obj, "metadata", where));
                known = ["output_type", "data", "metadata"];
                break;
            case "execute_result":
                output = new ExecuteResultOutput(ReadBundle(obj["data"], where), ReadInt(obj, "execution_count", where), ReadObject(obj, "metadata", where));
                known = ["output_type", "data", "metadata", "execution_count"];
                break;
            case "error":
                var traceback = obj["traceback"] is JsonArray lines
                    ? lines.Select(line => line?.GetValueKind() == JsonValueKind.String ? line.GetValue<string>() : line?.ToJsonString() ?? "")
                    : [];
                output = new ErrorOutput(ReadString(obj, "ename", where), ReadString(obj, "evalue", where), traceback);
                known = ["output_type", "ename", "evalue", "traceback"];
                break;
            default:
                throw new NotebookFormatException($"{where}: output_type is 'stream', 'display_data', 'execute_result' or 'error', not '{type}'.");
        }
        foreach (var (key, value) in obj)
        {
            if (!known.Contains(key))
                output.AdditionalProperties[key] = value?.DeepClone();
        }
        return output;
    }

    private static JsonObject ReadBundle(JsonNode? node, string where)
    {
        if (node is null)
            return new JsonObject();
        if (node is not JsonObject bundle)
            throw new NotebookFormatException($"{where}: 'data' is an object of MIME type → value.");
        var result = new JsonObject();
        foreach (var (mime, value) in bundle)
        {
            result[mime] = !MimeBundleText.IsJsonMimeType(mime) && MimeBundleText.Join(value) is { } text
                ? JsonValue.Create(text)
                : value?.DeepClone();
        }
        return result;
    }

    private static JsonObject WriteCell(NotebookCell cell, bool withId, HashSet<string> usedIds)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in cell.AdditionalProperties)
            obj[key] = value?.DeepClone();
        obj["cell_type"] = cell.CellType switch
        {
            NotebookCellType.Code => "code",
            NotebookCellType.Markdown => "markdown",
            _ => "raw",
        };
        if (withId)
        {
            if (cell.Id is null || !IsValidCellId(cell.Id) || !usedIds.Add(cell.Id))
            {
                cell.Id = NewCellId(usedIds);
                usedIds.Add(cell.Id);
            }
            obj["id"] = cell.Id;
        }
        obj["metadata"] = cell.Metadata.DeepClone();
        obj["source"] = Lines(cell.Source);
        if (cell.Attachments is not null && cell.CellType != NotebookCellType.Code)
            obj["attachments"] = cell.Attachments.DeepClone();
        if (cell.CellType == NotebookCellType.Code)
        {
            obj["execution_count"] = cell.ExecutionCount;
            var outputs = new JsonArray();
            NotebookOutput[] snapshot;
            lock (cell.Outputs)
                snapshot = cell.Outputs.ToArray();
            foreach (var output in snapshot)
                outputs.Add(WriteOutput(output));
            obj["outputs"] = outputs;
        }
        return obj;
    }

    private static JsonObject WriteOutput(NotebookOutput output)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in output.AdditionalProperties)
            obj[key] = value?.DeepClone();
        obj["output_type"] = output.OutputType;
        switch (output)
        {
            case StreamOutput stream:
                obj["name"] = stream.Name;
                obj["text"] = Lines(stream.Text);
                break;
            case ExecuteResultOutput result:
                obj["data"] = WriteBundle(result.Data);
                obj["execution_count"] = result.ExecutionCount;
                obj["metadata"] = result.Metadata.DeepClone();
                break;
            case DisplayDataOutput display:
                obj["data"] = WriteBundle(display.Data);
                obj["metadata"] = display.Metadata.DeepClone();
                break;
            case ErrorOutput error:
                obj["ename"] = error.EName;
                obj["evalue"] = error.EValue;
                obj["traceback"] = new JsonArray(error.Traceback.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray());
                break;
        }
        return obj;
    }

    private static JsonObject WriteBundle(JsonObject data)
    {
        var result = new JsonObject();
        foreach (var (mime, value) in data)
        {
            result[mime] = MimeBundleText.IsSplitMimeType(mime) && value is JsonValue text && text.GetValueKind() == JsonValueKind.String
                ? Lines(text.GetValue<string>())
                : value?.DeepClone();
        }
        return result;
    }

    private static JsonArray Lines(string text) =>
        new(MimeBundleText.SplitLines(text).Select(line => (JsonNode?)JsonValue.Create(line)).ToArray());

    /// <summary>nbformat 4.5's rule for a cell id: 1 to 64 characters of letters, digits, '-' and '_'.</summary>
    internal static bool IsValidCellId(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string NewCellId(HashSet<string> usedIds)
    {
        while (true)
        {
            // nbformat's own generator: the first 8 hex digits of a random UUID.
            var id = Guid.NewGuid().ToString("N")[..8];
            if (!usedIds.Contains(id))
                return id;
        }
    }

    private static string ReadString(JsonObject obj, string key, string where) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new NotebookFormatException($"{where}: '{key}' is missing or not a string.");

    private static JsonObject ReadObject(JsonObject obj, string key, string where) => obj[key] switch
    {
        null => new JsonObject(),
        JsonObject value => (JsonObject)value.DeepClone(),
        _ => throw new NotebookFormatException($"{where}: '{key}' is an object."),
    };

    private static int? ReadInt(JsonObject obj, string key, string where)
    {
        var node = obj[key];
        if (node is null)
            return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<JsonElement>(out var element) && element.TryGetInt32(out var number))
            return number;
        if (node is JsonValue other && other.TryGetValue<int>(out var direct))
            return direct;
        throw new NotebookFormatException($"{where}: '{key}' is an integer or null.");
    }
}
