using System.Text.Json.Nodes;

namespace Sly.Testing;

/// <summary>
/// An executed .ipynb read straight from its JSON (not through the product's own reader), as a test inspects what a
/// user's front end would show.
/// </summary>
internal sealed class ExecutedNotebook
{
    private ExecutedNotebook(string path, IReadOnlyList<Cell> cells, JsonObject metadata)
    {
        Path = path;
        Cells = cells;
        Metadata = metadata;
    }

    public string Path { get; }

    public IReadOnlyList<Cell> Cells { get; }

    public JsonObject Metadata { get; }

    public IEnumerable<Cell> CodeCells => Cells.Where(c => c.Type == "code");

    public static ExecutedNotebook Read(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var cells = json["cells"]!.AsArray().Select(c => new Cell(c!.AsObject())).ToList();
        return new ExecutedNotebook(path, cells, json["metadata"]?.AsObject() ?? []);
    }

    /// <summary>The one code cell whose source contains <paramref name="part"/>.</summary>
    public Cell CodeCell(string part) => Assert.Single(CodeCells, c => c.Source.Contains(part, StringComparison.Ordinal));

    public sealed class Cell(JsonObject json)
    {
        public string? Id => (string?)json["id"];

        public string Type => (string)json["cell_type"]!;

        public string Source => Text(json["source"]);

        public int? ExecutionCount => (int?)json["execution_count"];

        public IReadOnlyList<string> Tags => json["metadata"]?["tags"]?.AsArray().Select(t => (string)t!).ToList() ?? [];

        public IReadOnlyList<Output> Outputs => json["outputs"]?.AsArray().Select(o => new Output(o!.AsObject())).ToList() ?? [];

        /// <summary>The text of every output in <paramref name="mime"/>, joined.</summary>
        public string All(string mime) => string.Concat(Outputs.Select(o => o.Data(mime) ?? ""));
    }

    public sealed class Output(JsonObject json)
    {
        /// <summary>display_data, execute_result, stream or error.</summary>
        public string Type => (string)json["output_type"]!;

        public string? Data(string mime) => json["data"]?[mime] is { } value ? Text(value) : null;

        public IReadOnlyList<string> Mimes => json["data"]?.AsObject().Select(p => p.Key).ToList() ?? [];

        public string? StreamText => json["text"] is { } text ? Text(text) : null;

        public string? ErrorName => (string?)json["ename"];

        public string? ErrorValue => (string?)json["evalue"];
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => (string)l!)),
        JsonValue value => (string)value!,
        _ => node.ToJsonString(),
    };
}
