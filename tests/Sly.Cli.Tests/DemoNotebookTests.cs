using System.Text.RegularExpressions;
using Sly.Notebooks;
using Sly.Testing;

namespace Sly.Cli.Tests;

/// <summary>Runs `sly demo`'s code (embedded server, demo set, embeddings, the three notebooks) once for the class.</summary>
public sealed class DemoRun : IAsyncLifetime
{
    public const int ImageCount = 120;

    public DemoResult Result { get; private set; } = null!;

    public string Output { get; } = Directory.CreateTempSubdirectory("sly-cli-demo-").FullName;

    public async ValueTask InitializeAsync()
    {
        Result = await DemoRunner.RunAsync(new DemoOptions
        {
            RepositoryRoot = Prerequisite.RepoRoot,
            OutputDirectory = Output,
            ImageCount = ImageCount,
            Parameters = new Dictionary<string, object?> { ["limit"] = 12 },
        }, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Output, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}

public sealed partial class DemoNotebookTests(DemoRun demo) : IClassFixture<DemoRun>
{
    [Fact]
    public void Every_notebook_runs_with_zero_error_outputs_and_writes_ipynb_and_html()
    {
        Assert.Equal(3, demo.Result.Notebooks.Count);
        foreach (var outcome in demo.Result.Notebooks)
        {
            Assert.True(outcome.Succeeded, $"{outcome.Input}: {outcome.FirstError}");
            Assert.True(File.Exists(outcome.OutputNotebook), outcome.OutputNotebook);
            Assert.True(File.Exists(outcome.OutputHtml), outcome.OutputHtml);
            var executed = NotebookFile.Read(outcome.OutputNotebook);
            Assert.Empty(executed.Cells.SelectMany(c => c.Outputs).OfType<ErrorOutput>());
            Assert.All(executed.Cells.Where(c => c.CellType == NotebookCellType.Code), c => Assert.NotNull(c.ExecutionCount));
        }
        Assert.True(demo.Result.Succeeded);
        Assert.Contains(demo.Result.Phases, p => p.Name == "embeddings");
    }

    [Fact]
    public void Every_html_page_inlines_plotly_once()
    {
        foreach (var outcome in demo.Result.Notebooks)
        {
            var html = File.ReadAllText(outcome.OutputHtml);
            if (html.Contains("Plotly.newPlot", StringComparison.Ordinal))
                Assert.True(html.Length > 1_000_000, $"{outcome.OutputHtml} draws charts but is only {html.Length} characters: plotly.js is not inlined");
        }
    }

    [Fact]
    public void The_text_search_gallery_has_one_tile_per_requested_result()
    {
        var tutorial = NotebookFile.Read(demo.Result.Notebooks[0].OutputNotebook);
        var gallery = tutorial.Cells.Single(c => c.CellType == NotebookCellType.Code && c.Source.Contains("await Gallery.CreateAsync(api, textHits", StringComparison.Ordinal));
        var html = string.Concat(gallery.Outputs.OfType<DisplayDataOutput>().Select(o => Html(o.Data["text/html"])));
        Assert.Equal(12, Regex.Count(html, "class=\"sly-tile\""));
        Assert.Contains("top 12", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cluster_scatter_has_one_point_per_image()
    {
        var explore = NotebookFile.Read(demo.Result.Notebooks[1].OutputNotebook);
        var scatter = explore.Cells.Single(c => c.CellType == NotebookCellType.Code && c.Source.Contains("Charts.ClusterScatterAsync", StringComparison.Ordinal));
        var html = string.Concat(scatter.Outputs.OfType<DisplayDataOutput>().Select(o => Html(o.Data["text/html"])));
        // each point's hover text is "<image name> · <dataset>"; the search-hit overlay's start with "hit: "
        var points = HoverText().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(DemoRun.ImageCount, points.Count);
        Assert.Equal(DemoRun.ImageCount, points.Distinct().Count());
        Assert.Equal(12, Regex.Count(html, @"hit: [a-z]+-\d{6}\.png"));
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
    public void Injected_parameters_change_the_result()
    {
        var tutorial = NotebookFile.Read(demo.Result.Notebooks[0].OutputNotebook);
        var defaults = tutorial.Cells.First(c => c.HasTag("parameters"));
        var injected = tutorial.Cells[tutorial.Cells.IndexOf(defaults) + 1];
        Assert.True(injected.HasTag("injected-parameters"));
        Assert.Contains("var limit = 12;", injected.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("limit = 12;", defaults.Source, StringComparison.Ordinal);
        // The gallery above has 12 tiles, not the notebook's default limit.
    }

    [Fact]
    public void A_text_search_for_a_defect_enriches_that_defect_and_part()
    {
        var labels = Sly.Search.DemoData.DemoImageSet.Generate(DemoRun.ImageCount, seed: 1).ToDictionary(i => i.Name + ".png", i => i.Label);
        var tutorial = NotebookFile.Read(demo.Result.Notebooks[0].OutputNotebook);
        var gallery = tutorial.Cells.Single(c => c.CellType == NotebookCellType.Code && c.Source.Contains("await Gallery.CreateAsync(api, textHits", StringComparison.Ordinal));
        var html = string.Concat(gallery.Outputs.OfType<DisplayDataOutput>().Select(o => Html(o.Data["text/html"])));
        var names = TileName().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(12, names.Count);
        // 120 images hold only a few rusty bolts, so 12 hits for "rusty bolt" cannot all be rusty: rust must be enriched
        // well above its share of the set, and bolts must dominate.
        var rusty = (double)names.Count(n => labels[n].Defect == "rust") / names.Count;
        var baseRate = (double)labels.Values.Count(l => l.Defect == "rust") / labels.Count;
        Assert.True(rusty >= 2 * baseRate, $"{rusty:P0} of the hits for 'rusty bolt' are rusty ({baseRate:P0} of the set): " + string.Join(", ", names.Select(n => labels[n])));
        Assert.True(names.Count(n => labels[n].Part == "bolt") * 2 > names.Count, "most hits for 'rusty bolt' should be bolts");
    }

    [Fact]
    public void The_distribution_chart_has_one_bar_per_dataset()
    {
        var explore = NotebookFile.Read(demo.Result.Notebooks[1].OutputNotebook);
        var chart = explore.Cells.Single(c => c.CellType == NotebookCellType.Code && c.Source.Contains("Charts.DatasetDistributionAsync", StringComparison.Ordinal));
        var html = string.Concat(chart.Outputs.OfType<DisplayDataOutput>().Select(o => Html(o.Data["text/html"])));
        var data = System.Text.Json.Nodes.JsonNode.Parse(ChartData().Match(html).Groups[1].Value)!.AsArray();
        Assert.NotEmpty(data);
        Assert.All(data, trace => Assert.Equal(["line-a", "line-b", "line-c"], trace!["x"]!.AsArray().Select(x => (string)x!).Order()));
    }

    [GeneratedRegex(@"<figure class=""sly-tile""[^>]*>.*?<img [^>]*alt=""([^""]+)""", RegexOptions.Singleline)]
    private static partial Regex TileName();

    [GeneratedRegex(@"var data = (\[.*?\]);\n", RegexOptions.Singleline)]
    private static partial Regex ChartData();

    private static string Html(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        null => "",
        _ => node.GetValue<string>(),
    };

    [GeneratedRegex(@"""([a-z]+-\d{6}\.png) · ")]
    private static partial Regex HoverText();
}
