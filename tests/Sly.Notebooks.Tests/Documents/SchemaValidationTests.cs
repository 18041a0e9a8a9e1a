using Microsoft.DotNet.Interactive.Documents;
using Sly.Notebooks.Documents;
using Sly.Notebooks.Running;
using Sly.Testing;

namespace Sly.Notebooks.Tests.Documents;

/// <summary>
/// The .ipynb files a run writes validate against nbformat's own JSON schema (shipped in TestData, checked with
/// Python's jsonschema) and against nbformat.validate itself.
/// </summary>
[Collection(NotebookRuns.Name)]
public sealed class SchemaValidationTests : IDisposable
{
    private const string Validator = """
        import json, sys
        import jsonschema, nbformat
        path, schema_path = sys.argv[1], sys.argv[2]
        with open(path, encoding="utf-8") as f:
            notebook = json.load(f)
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.validate(notebook, schema)
        nbformat.validate(nbformat.read(path, as_version=4))
        print("valid", notebook["nbformat"], notebook["nbformat_minor"])
        """;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Python()
    {
        // Debian's python3 carries python3-nbformat; a pyenv python3 earlier on PATH usually does not.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : Prerequisite.Program("python3", "apt-get install python3-nbformat");
        var probe = ProcessRunner.Run(python, ["-c", "import nbformat, jsonschema"], Path.GetTempPath(), TimeSpan.FromSeconds(60));
        if (probe.ExitCode != 0)
            Prerequisite.Missing($"{python} cannot import nbformat and jsonschema (apt-get install python3-nbformat): {probe.Output}");
        return python;
    }

    private void AssertValid(string notebookPath, string schemaFile)
    {
        var python = Python();
        var script = _folder.File("validate.py");
        File.WriteAllText(script, Validator);
        var schema = Path.Combine(AppContext.BaseDirectory, "TestData", schemaFile);
        var result = ProcessRunner.Run(python, [script, notebookPath, schema], _folder.Path, TimeSpan.FromSeconds(60));
        result.EnsureSuccess($"validating {notebookPath} against {schemaFile}");
        Assert.StartsWith("valid 4", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_executed_notebook_validates_against_the_nbformat_4_5_schema_with_ids_and_sorted_keys()
    {
        var notebook = TestNotebooks.Create(
            "# Title\n\nText.",
            "var n = 1;",
            "Console.WriteLine(\"out\");\nConsole.Error.WriteLine(\"err\");\ndisplay(new { A = n });\ndisplay(HTML(\"<i>x</i>\"));\nn + 1",
            "throw new ArgumentException(\"bad\", \"arg\");",
            "not C# at all",
            "\"after\"");
        notebook.Elements[1].Tagged(NotebookTags.Parameters);
        var output = _folder.File("executed.ipynb");

        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions
        {
            WorkingDirectory = _folder.Path,
            AllowErrors = true,
            Parameters = new Dictionary<string, object?> { ["n"] = 41L, ["label"] = "ü \"quoted\"", ["none"] = null },
        }, TestContext.Current.CancellationToken);
        NotebookDocuments.SaveIpynb(notebook, output);

        Assert.Equal([4, 5], result.CellsWithErrors);
        Assert.Contains("42", Assert.IsType<ReturnValueElement>(notebook.Elements[3].Outputs[^1]).Text("text/html"), StringComparison.Ordinal);
        AssertValid(output, "nbformat.v4.5.schema.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(output))!;
        Assert.All(json["cells"]!.AsArray(), cell => Assert.False(string.IsNullOrEmpty((string?)cell!["id"])));
        var keys = json["cells"]![2]!["metadata"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public async Task A_polyglot_notebook_of_nbformat_4_2_is_written_back_as_a_valid_4_5_with_its_json_output_kept()
    {
        var output = _folder.File("polyglot.ipynb");
        var notebook = await NotebookDocuments.LoadAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "polyglot.ipynb"));
        notebook.Add(new InteractiveDocumentElement("1 + 1", "csharp"));

        NotebookDocuments.SaveIpynb(notebook, output);

        AssertValid(output, "nbformat.v4.5.schema.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Equal(5, (int)json["nbformat_minor"]!);
        Assert.Equal(2.5, (double)json["cells"]![1]!["outputs"]![2]!["data"]!["application/json"]!["a"]![1]!);
    }

    [Fact]
    public async Task A_notebook_read_from_a_dib_validates_when_written_as_ipynb_and_keeps_its_cells()
    {
        var dib = _folder.File("source.dib");
        File.WriteAllText(dib, "#!csharp\n\nvar x = 1;\n\n#!markdown\n\n# Notes\n");
        var output = _folder.File("from-dib.ipynb");

        var notebook = await NotebookDocuments.LoadAsync(dib);
        NotebookDocuments.SaveIpynb(notebook, output);

        Assert.Equal([("csharp", "var x = 1;"), ("markdown", "# Notes")], notebook.Elements.Select(e => (e.KernelName, e.Contents.Trim())));
        AssertValid(output, "nbformat.v4.5.schema.json");
    }
}
