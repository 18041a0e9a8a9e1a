using Sly.Notebooks.Running;
using Sly.Testing;

namespace Sly.Notebooks.Tests.Formats;

/// <summary>
/// The .ipynb files the engine writes validate against nbformat's own JSON schema (shipped in TestData, checked with
/// Python's jsonschema) and against nbformat.validate itself.
/// </summary>
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
    public async Task An_executed_notebook_validates_against_the_nbformat_4_5_schema()
    {
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Markdown("# Title\n\nText."));
        var parameters = NotebookCell.Code("var n = 1;");
        parameters.AddTag(NotebookCell.ParametersTag);
        notebook.Cells.Add(parameters);
        notebook.Cells.Add(NotebookCell.Code("Console.WriteLine(\"out\");\nConsole.Error.WriteLine(\"err\");\ndisplay(new { A = n });\ndisplay(HTML(\"<i>x</i>\"));\nn + 1"));
        notebook.Cells.Add(NotebookCell.Code("#!markdown\n*shown*"));
        notebook.Cells.Add(NotebookCell.Code("throw new ArgumentException(\"bad\", \"arg\");"));
        notebook.Cells.Add(NotebookCell.Code("not C# at all"));
        notebook.Cells.Add(new NotebookCell(NotebookCellType.Raw, "raw text"));
        notebook.Cells.Add(NotebookCell.Code("\"after\""));

        var output = _folder.File("executed.ipynb");
        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions
        {
            WorkingDirectory = _folder.Path,
            SetCurrentDirectory = false,
            AllowErrors = true,
            Parameters = new Dictionary<string, object?> { ["n"] = 41L, ["label"] = "ü \"quoted\"", ["none"] = null },
        }, TestContext.Current.CancellationToken);
        NotebookFile.Write(result.Notebook, output);

        Assert.Equal([5, 6], result.CellsWithErrors);
        Assert.Equal("42", Assert.IsType<ExecuteResultOutput>(result.Notebook.Cells[3].Outputs[^1]).GetText("text/plain"));
        AssertValid(output, "nbformat.v4.5.schema.json");
    }

    [Fact]
    public void A_polyglot_notebook_written_back_validates_against_the_nbformat_4_2_schema()
    {
        var output = _folder.File("polyglot.ipynb");
        var notebook = NotebookFile.Read(Path.Combine(AppContext.BaseDirectory, "TestData", "polyglot.ipynb"));
        notebook.Cells.Add(NotebookCell.Code("1 + 1"));

        NotebookFile.Write(notebook, output);

        AssertValid(output, "nbformat.v4.2.schema.json");
    }

    [Fact]
    public void A_notebook_read_from_a_dib_validates_when_written_as_ipynb()
    {
        var output = _folder.File("from-dib.ipynb");

        NotebookFile.Write(DibFormat.Parse("#!csharp\n\nvar x = 1;\n\n#!markdown\n\n# Notes\n"), output);

        AssertValid(output, "nbformat.v4.5.schema.json");
    }
}
