using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sly.Testing;

namespace Sly.Cli.Tests;

/// <summary>
/// The notebooks in the user's kernel (Jupyter's .net-csharp, dotnet-repl) and under `sly demo` on the kernel library:
/// zero errors, the same output types cell by cell, and the same data in charts, tables and galleries.
/// </summary>
[Collection(DemoProject.Name)]
public sealed partial class NotebookConformanceTests(DemoRun demo, JupyterRun jupyter)
{
    [Fact]
    public void Jupyter_executes_the_notebooks_as_committed_with_zero_errors()
    {
        jupyter.Require();
        foreach (var (notebook, result) in jupyter.Jupyter)
            result.EnsureSuccess("jupyter nbconvert --execute " + notebook);
        for (var i = 0; i < 3; i++)
            Assert.DoesNotContain(jupyter.Notebook(i).CodeCells.SelectMany(c => c.Outputs), o => o.Type == "error");
    }

    [Fact]
    public void Dotnet_repl_runs_the_notebooks_to_the_end()
    {
        jupyter.Require();
        foreach (var (notebook, result) in jupyter.Repl)
            Assert.True(result.ExitCode == 0, $"dotnet-repl --run {notebook} exited with {result.ExitCode}:\n{result.Output}");
    }

    [Fact]
    public void Every_cell_shows_the_same_kinds_of_output_in_jupyter_and_under_sly()
    {
        jupyter.Require();
        for (var i = 0; i < 3; i++)
        {
            var sly = demo.Notebook(i).CodeCells.Where(c => c.Id is not null).ToDictionary(c => c.Id!);
            foreach (var cell in jupyter.Notebook(i).CodeCells)
            {
                // sly adds the injected-parameters cell, which has no counterpart; Jupyter's host adds one script to the
                // first cell it runs (it probes for the kernel's HTTP port), which a headless run has no use for.
                Assert.True(sly.TryGetValue(cell.Id!, out var mine), $"{DemoNotebook(i)}: cell {cell.Id} is missing under sly");
                var expected = cell.Outputs.Where(o => !(o.Data("text/html") ?? "").Contains("dotnet-interactive-this-cell", StringComparison.Ordinal)).Select(o => o.Type);
                Assert.True(expected.SequenceEqual(mine.Outputs.Select(o => o.Type)),
                    $"{DemoNotebook(i)} cell {cell.Id}: Jupyter [{string.Join(", ", expected)}], sly [{string.Join(", ", mine.Outputs.Select(o => o.Type))}]\n{cell.Source}");
            }
        }
    }

    [Fact]
    public void Charts_tables_and_galleries_carry_the_same_data_in_jupyter_and_under_sly()
    {
        jupyter.Require();
        for (var i = 0; i < 3; i++)
        {
            var sly = demo.Notebook(i).CodeCells.Where(c => c.Id is not null).ToDictionary(c => c.Id!);
            foreach (var cell in jupyter.Notebook(i).CodeCells)
            {
                var theirs = cell.All("text/html");
                var mine = sly[cell.Id!].All("text/html");
                Assert.Equal(Summary(PlotlyFigures.In(theirs)), Summary(PlotlyFigures.In(mine)));
                Assert.Equal(Regex.Count(theirs, "class=\"sly-tile\""), Regex.Count(mine, "class=\"sly-tile\""));
                Assert.Equal(TableRows(theirs), TableRows(mine));
            }
        }
    }

    [Fact]
    public void In_jupyter_the_scatter_has_a_point_per_image_the_distribution_a_bar_per_dataset_and_the_gallery_its_tiles()
    {
        jupyter.Require();
        var explore = jupyter.Notebook(1);
        var scatter = PlotlyFigures.Traces(explore.CodeCell("Charts.ClusterScatterAsync").All("text/html"));
        Assert.Equal(DemoRun.ImageCount, scatter.Where(t => ((string)t["name"]!).StartsWith("cluster", StringComparison.Ordinal)).Sum(t => t["x"]!.AsArray().Count));
        Assert.Equal(20, scatter.Single(t => (string)t["name"]! == "search hits")["x"]!.AsArray().Count);
        var bars = PlotlyFigures.Traces(explore.CodeCell("Charts.DatasetDistributionAsync").All("text/html"));
        Assert.All(bars, t => Assert.Equal(["line-a", "line-b", "line-c"], t["x"]!.AsArray().Select(x => (string)x!).Order()));
        Assert.Equal(20, Regex.Count(jupyter.Notebook(0).CodeCell("await Gallery.CreateAsync(api, textHits").All("text/html"), "class=\"sly-tile\""));
    }

    [Fact]
    public void In_jupyter_the_progress_cell_ends_with_one_final_line()
    {
        jupyter.Require();
        var progress = jupyter.Notebook(0).CodeCell("EmbeddingsProgressDisplay.Create()");
        var display = Assert.Single(progress.Outputs, o => o.Type == "display_data" && o.Mimes.Contains("text/plain"));
        Assert.Equal($"{DemoRun.ImageCount}/{DemoRun.ImageCount} images (100%)", Regex.Replace(display.Data("text/plain")!, ", .*$", ""));
        Assert.Contains("Embeddings ready", display.Data("text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_browser_shows_the_charts_table_and_galleries_of_a_jupyter_executed_notebook()
    {
        jupyter.Require();
        var chromium = Prerequisite.Program("chromium", "apt-get install chromium");
        var jupyterProgram = Prerequisite.Program("jupyter", "apt-get install jupyter-nbconvert");
        var executed = Path.Combine(jupyter.Output, DemoOptions.DefaultNotebooks[1]);
        ProcessRunner.Run(jupyterProgram, ["nbconvert", "--to", "html", executed], jupyter.Output, TimeSpan.FromMinutes(2)).EnsureSuccess("nbconvert --to html");
        var page = Path.ChangeExtension(executed, ".html");
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + Path.Combine(jupyter.Output, "chromium"), "--virtual-time-budget=15000"];
        var dom = ProcessRunner.Run(chromium, [.. common, "--dump-dom", "file://" + page], jupyter.Output, TimeSpan.FromMinutes(2)).EnsureSuccess("chromium --dump-dom").Output;
        Assert.Equal(2, Regex.Count(dom, "class=\"plot-container plotly\""));
        Assert.Contains("class=\"main-svg\"", dom, StringComparison.Ordinal);
        Assert.True(Regex.Count(dom, "<img [^>]*src=\"data:image/jpeg") >= 8 * 6, "the cluster galleries show their thumbnails");
        Assert.Contains("class=\"sly-dataframe\"", dom, StringComparison.Ordinal);
        var screenshot = Path.Combine(Prerequisite.RepoRoot, "artifacts", "jupyter-02-explore-embeddings.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        ProcessRunner.Run(chromium, [.. common, "--window-size=1300,2400", "--screenshot=" + screenshot, "file://" + page], jupyter.Output, TimeSpan.FromMinutes(2))
            .EnsureSuccess("chromium --screenshot");
    }

    private static string DemoNotebook(int index) => DemoOptions.DefaultNotebooks[index];

    /// <summary>A figure by its traces: type, name and number of points or bars.</summary>
    private static List<string> Summary(List<JsonObject> figures) =>
        figures.SelectMany(f => f["data"]!.AsArray()).Select(t => $"{t!["type"]}:{t["name"]}:{(t["x"] as JsonArray)?.Count}").ToList();

    /// <summary>Rows of every kit table in the HTML.</summary>
    private static List<int> TableRows(string html) =>
        Regex.Matches(html, "<div class=\"sly-dataframe\".*?</table>", RegexOptions.Singleline).Select(m => Regex.Count(m.Value, "<tr><td>")).ToList();
}
