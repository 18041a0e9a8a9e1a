using System.Text.RegularExpressions;
using Sly.Testing;

namespace Sly.Cli.Tests;

/// <summary>What `sly demo` writes: the three notebooks executed on the kernel library, as .ipynb and .html.</summary>
[Collection(DemoProject.Name)]
public sealed partial class DemoNotebookTests(DemoRun demo)
{
    [Fact]
    public void Every_notebook_runs_with_zero_error_outputs_and_writes_ipynb_and_html()
    {
        Assert.Equal(3, demo.Result.Notebooks.Count);
        foreach (var outcome in demo.Result.Notebooks)
        {
            Assert.True(outcome.Succeeded, $"{outcome.Input}: {outcome.FirstError}");
            Assert.True(File.Exists(outcome.OutputHtml), outcome.OutputHtml);
            var executed = ExecutedNotebook.Read(outcome.OutputNotebook);
            Assert.DoesNotContain(executed.CodeCells.SelectMany(c => c.Outputs), o => o.Type == "error");
            Assert.All(executed.CodeCells, c => Assert.NotNull(c.ExecutionCount));
        }
        Assert.True(demo.Result.Succeeded);
        Assert.Contains(demo.Result.Phases, p => p.Name == "embeddings");
    }

    [Fact]
    public void Every_html_page_carries_plotly_js_once_and_every_chart_its_own_figure()
    {
        foreach (var outcome in demo.Result.Notebooks)
        {
            var html = File.ReadAllText(outcome.OutputHtml);
            Assert.Single(Regex.Matches(html, "class=\"sly-plotly-loader\""));
            var charts = Regex.Count(html, "<div class=\"sly-plotly\" id=");
            Assert.Equal(charts, PlotlyFigures.In(html).Count);
            Assert.True(charts > 0, $"{outcome.OutputHtml} has no chart");
        }
    }

    [Fact]
    public void Executed_notebooks_validate_against_the_nbformat_4_schema()
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : Prerequisite.Program("python3", "apt-get install python3-nbformat");
        foreach (var outcome in demo.Result.Notebooks)
        {
            var check = ProcessRunner.Run(python, ["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", outcome.OutputNotebook],
                demo.Output, TimeSpan.FromMinutes(1));
            if (check.Output.Contains("No module named", StringComparison.Ordinal))
                Prerequisite.Missing("python3-nbformat is not installed (apt-get install python3-nbformat)");
            Assert.True(check.ExitCode == 0 && check.Output.Contains("valid", StringComparison.Ordinal), outcome.OutputNotebook + ": " + check.Output);
        }
    }

    [Fact]
    public void The_injected_cell_follows_the_parameters_cell_which_keeps_its_defaults()
    {
        var tutorial = demo.Notebook(0);
        var cells = tutorial.Cells.ToList();
        var defaults = cells.First(c => c.Tags.Contains("parameters"));
        var injected = cells[cells.IndexOf(defaults) + 1];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.StartsWith("// Injected parameters\n", injected.Source, StringComparison.Ordinal);
        Assert.Contains("var projectName = \"Parts inspection demo\";", injected.Source, StringComparison.Ordinal);
        Assert.Contains("var prompt = \"rusty bolt\";", defaults.Source, StringComparison.Ordinal);
        Assert.Single(cells, c => c.Source.Contains("// Injected parameters", StringComparison.Ordinal));
    }

    [Fact]
    public void A_text_search_for_rusty_bolts_finds_every_rusty_bolt_of_the_set_among_mostly_bolts()
    {
        var images = Sly.Search.DemoData.DemoImageSet.Generate(DemoRun.ImageCount, seed: 1).ToList();
        var labels = images.ToDictionary(i => i.Name + ".png", i => i.Label);
        var rustyBolts = images.Where(i => i.Label is { Part: "bolt", Defect: "rust" }).Select(i => i.Name + ".png").ToList();
        var gallery = demo.Notebook(0).CodeCell("await Gallery.CreateAsync(api, textHits").All("text/html");
        var names = TileName().Matches(gallery).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(20, names.Count);
        Assert.NotEmpty(rustyBolts);
        Assert.All(rustyBolts, name => Assert.Contains(name, names));
        Assert.True(names.Count(n => labels[n].Part == "bolt") * 2 > names.Count, "most hits for 'rusty bolt' should be bolts: " + string.Join(", ", names.Select(n => labels[n])));
    }

    [GeneratedRegex(@"<figure class=""sly-tile""[^>]*>.*?<img [^>]*alt=""([^""]+)""", RegexOptions.Singleline)]
    private static partial Regex TileName();
}
