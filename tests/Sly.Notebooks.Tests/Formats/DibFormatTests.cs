namespace Sly.Notebooks.Tests.Formats;

public sealed class DibFormatTests
{
    private const string VsCodeDib = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"},{"aliases":[],"languageName":"fsharp","name":"fsharp"}]}}

        #!markdown

        # Title

        Text with a #!hash inside.

        #!csharp

        #!time
        var x = 1;

        x

        #!C#

        Console.WriteLine("alias");

        #!fsharp

        printfn "hi"

        #!md

        Closing words.

        """;

    [Fact]
    public void Cells_languages_and_magic_lines_are_read()
    {
        var notebook = DibFormat.Parse(VsCodeDib);

        Assert.Equal(5, notebook.Cells.Count);
        Assert.Equal(NotebookCellType.Markdown, notebook.Cells[0].CellType);
        Assert.Equal("# Title\n\nText with a #!hash inside.", notebook.Cells[0].Source);
        Assert.Equal("#!time\nvar x = 1;\n\nx", notebook.Cells[1].Source);
        Assert.Equal("csharp", notebook.Cells[1].Language);
        Assert.Equal("csharp", notebook.Cells[2].Language);
        Assert.Equal("fsharp", notebook.Cells[3].Language);
        Assert.Equal(NotebookCellType.Markdown, notebook.Cells[4].CellType);
        Assert.Equal("fsharp", notebook.Metadata["polyglot_notebook"]!["kernelInfo"]!["items"]![1]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void A_dib_round_trips_cells_languages_and_magics()
    {
        var first = DibFormat.Parse(VsCodeDib);

        var text = DibFormat.Serialize(first);
        var second = DibFormat.Parse(text);

        Assert.Equal(first.Cells.Select(c => (c.CellType, c.Language, c.Source)), second.Cells.Select(c => (c.CellType, c.Language, c.Source)));
        Assert.Equal(text, DibFormat.Serialize(second));
        Assert.Contains("\n#!time\n", text, StringComparison.Ordinal);
        Assert.StartsWith("#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_before_any_selector_belongs_to_the_default_kernel()
    {
        var notebook = DibFormat.Parse("Console.WriteLine(1);\n\n#!markdown\n\nnote\n");

        Assert.Equal(2, notebook.Cells.Count);
        Assert.Equal("Console.WriteLine(1);", notebook.Cells[0].Source);
        Assert.Equal("csharp", notebook.Cells[0].Language);
    }

    [Fact]
    public void A_dib_keeps_no_outputs()
    {
        var notebook = Notebook.CreateCSharp();
        var cell = NotebookCell.Code("1");
        cell.Outputs.Add(new StreamOutput("stdout", "shown"));
        notebook.Cells.Add(cell);

        var text = DibFormat.Serialize(notebook);

        Assert.DoesNotContain("shown", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dib_and_ipynb_convert_into_each_other()
    {
        var fromDib = DibFormat.Parse(VsCodeDib);

        var viaIpynb = DibFormat.Parse(DibFormat.Serialize(IpynbFormat.Parse(IpynbFormat.Serialize(fromDib))));

        Assert.Equal(fromDib.Cells.Select(c => (c.CellType, c.Language, c.Source)), viaIpynb.Cells.Select(c => (c.CellType, c.Language, c.Source)));
    }

    [Fact]
    public void A_broken_meta_line_is_reported()
    {
        var error = Assert.Throws<NotebookFormatException>(() => DibFormat.Parse("#!meta\n\n{not json\n", "x.dib"));

        Assert.Contains("x.dib, line 3", error.Message, StringComparison.Ordinal);
    }
}
