using System.Text.Json.Nodes;

namespace Sly.Notebooks.Tests.Formats;

public sealed class IpynbFormatTests
{
    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    [Fact]
    public void A_polyglot_notebook_reads_into_the_model()
    {
        var notebook = NotebookFile.Read(TestData("polyglot.ipynb"));

        Assert.Equal(4, notebook.NbFormat);
        Assert.Equal(2, notebook.NbFormatMinor);
        Assert.Equal("csharp", notebook.DefaultKernelName);
        Assert.Equal([NotebookCellType.Markdown, NotebookCellType.Code, NotebookCellType.Raw], notebook.Cells.Select(c => c.CellType));
        var code = notebook.Cells[1];
        Assert.Equal("var x = 1;\nx", code.Source);
        Assert.Equal("csharp", code.Language);
        Assert.Equal(["parameters"], code.Tags);
        Assert.Equal(3, code.ExecutionCount);
        Assert.Equal("<b>hi</b>\n<i>there</i>", Assert.IsType<DisplayDataOutput>(code.Outputs[0]).GetText("text/html"));
        Assert.Equal("line 1\nline 2\n", Assert.IsType<StreamOutput>(code.Outputs[1]).Text);
        var result = Assert.IsType<ExecuteResultOutput>(code.Outputs[2]);
        Assert.IsType<JsonObject>(result.Data["application/json"]);
        Assert.Equal(3, result.ExecutionCount);
        var error = Assert.IsType<ErrorOutput>(code.Outputs[3]);
        Assert.Equal(("InvalidOperationException", "boom", 2), (error.EName, error.EValue, error.Traceback.Count));
        Assert.Equal("", notebook.Cells[2].Source);
    }

    [Fact]
    public void A_jupyter_written_notebook_round_trips_byte_for_byte()
    {
        var text = File.ReadAllText(TestData("polyglot.ipynb"));

        var written = IpynbFormat.Serialize(IpynbFormat.Parse(text));

        Assert.Equal(text, written);
    }

    [Fact]
    public void Unknown_fields_at_every_level_are_kept()
    {
        const string json = """
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {"x": {"y": [1, true, null]}},
                        "outputs": [{"output_type": "stream", "name": "stdout", "text": "hi", "extra_output_field": 7}],
                        "source": "1", "extra_cell_field": "kept"}],
             "metadata": {"custom": {"deep": {"value": 1.50}}}, "nbformat": 4, "nbformat_minor": 4, "extra_top": [1]}
            """;

        var notebook = IpynbFormat.Parse(json);
        var again = IpynbFormat.Parse(IpynbFormat.Serialize(notebook));

        Assert.Equal("[1]", again.AdditionalProperties["extra_top"]!.ToJsonString());
        Assert.Equal("\"kept\"", again.Cells[0].AdditionalProperties["extra_cell_field"]!.ToJsonString());
        Assert.Equal("7", again.Cells[0].Outputs[0].AdditionalProperties["extra_output_field"]!.ToJsonString());
        Assert.Equal("""{"y":[1,true,null]}""", again.Cells[0].Metadata["x"]!.ToJsonString());
        Assert.Contains("\"value\": 1.50", IpynbFormat.Serialize(again), StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_uses_jupyters_layout()
    {
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Code("var a = 1;\nConsole.WriteLine(a);\n"));

        var text = IpynbFormat.Serialize(notebook);

        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"id\": \"", text, StringComparison.Ordinal);
        Assert.Contains("   \"source\": [\n    \"var a = 1;\\n\",\n    \"Console.WriteLine(a);\\n\"\n   ]", text, StringComparison.Ordinal);
        Assert.Contains("\"outputs\": []", text, StringComparison.Ordinal);
        Assert.Contains("\"nbformat_minor\": 5\n}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_get_ids_from_minor_version_five_and_none_before()
    {
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Markdown("a"));
        notebook.Cells.Add(NotebookCell.Markdown("b"));
        notebook.Cells[1].Id = "bad id with spaces";

        var five = IpynbFormat.ToJson(notebook);
        notebook.NbFormatMinor = 2;
        var two = IpynbFormat.ToJson(notebook);

        var ids = ((JsonArray)five["cells"]!).Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", id));
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All((JsonArray)two["cells"]!, c => Assert.False(((JsonObject)c!).ContainsKey("id")));
    }

    [Fact]
    public void The_polyglot_factory_writes_vs_code_metadata()
    {
        var metadata = Notebook.CreateCSharp().Metadata;

        Assert.Equal(".net-csharp", metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal(".NET (C#)", metadata["kernelspec"]!["display_name"]!.GetValue<string>());
        Assert.Equal("C#", metadata["kernelspec"]!["language"]!.GetValue<string>());
        Assert.Equal("polyglot-notebook", metadata["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        var csharp = metadata["polyglot_notebook"]!["kernelInfo"]!["items"]![0]!;
        Assert.Equal(["c#", "C#"], csharp["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void Setting_a_cell_language_writes_both_polyglot_keys()
    {
        var cell = NotebookCell.Code("x", "fsharp");

        Assert.Equal("fsharp", cell.Metadata["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal("fsharp", cell.Metadata["dotnet_interactive"]!["language"]!.GetValue<string>());
        cell.Metadata.Remove("polyglot_notebook");
        Assert.Equal("fsharp", cell.Language);
    }

    [Theory]
    [InlineData("""{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "cells": []}""", "nbformat 3")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}""", "'cells'")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "html", "source": ""}]}""", "cell_type is 'code', 'markdown' or 'raw'")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "weird"}]}]}""", "output_type is")]
    [InlineData("not json", "is not JSON")]
    public void Malformed_notebooks_are_rejected_with_what_is_allowed(string json, string expected)
    {
        var error = Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse(json, "bad.ipynb"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("bad.ipynb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Notebook_files_dispatch_on_extension()
    {
        using var folder = new TemporaryFolder();
        var notebook = Notebook.CreateCSharp();
        notebook.Cells.Add(NotebookCell.Code("1 + 1"));

        NotebookFile.Write(notebook, folder.File("sub/a.ipynb"));
        NotebookFile.Write(notebook, folder.File("a.dib"));

        Assert.StartsWith("{", File.ReadAllText(folder.File("sub/a.ipynb")), StringComparison.Ordinal);
        Assert.StartsWith("#!meta", File.ReadAllText(folder.File("a.dib")), StringComparison.Ordinal);
        Assert.Equal("1 + 1", NotebookFile.Read(folder.File("sub/a.ipynb")).Cells[0].Source);
        Assert.Equal("1 + 1", NotebookFile.Read(folder.File("a.dib")).Cells[0].Source);
        var wrong = Assert.Throws<ArgumentException>(() => NotebookFile.Write(notebook, folder.File("a.txt")));
        Assert.Equal("path", wrong.ParamName);
        Assert.Contains(".ipynb or .dib", wrong.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }
}
