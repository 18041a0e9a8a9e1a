using System.Text.RegularExpressions;
using Sly.Testing;

namespace Sly.Cli.Tests;

/// <summary>`sly run` and `sly export` as a user runs them: the built sly program on the committed notebooks, against the demo project.</summary>
[Collection(DemoProject.Name)]
public sealed partial class RunAndExportCommandTests(JupyterRun server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static string Tutorial => Path.Combine(Prerequisite.RepoRoot, "notebooks", "01-ai-search-tutorial.ipynb");

    [Fact]
    public void An_injected_prompt_and_limit_change_the_search_the_notebook_shows()
    {
        var output = Directory.CreateTempSubdirectory("sly-run-").FullName;

        Sly(output, "run", Tutorial, "-p", "prompt=cracked gear", "-p", "limit=7", "-o", output).EnsureSuccess("sly run -p");

        var gallery = ExecutedNotebook.Read(Path.Combine(output, "01-ai-search-tutorial.ipynb")).CodeCell("await Gallery.CreateAsync(api, textHits").All("text/html");
        Assert.Equal(7, Regex.Count(gallery, "class=\"sly-tile\""));
        Assert.Contains("&quot;cracked gear&quot; — top 7", gallery, StringComparison.Ordinal);
        Assert.Contains(TileNames(gallery), name => name.StartsWith("gear-", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "01-ai-search-tutorial.html")));
    }

    [Fact]
    public void An_exported_notebook_runs_with_dotnet_run_and_prints_the_hits_the_notebook_shows()
    {
        var work = Directory.CreateTempSubdirectory("sly-export-").FullName;
        Sly(work, "run", Tutorial, "-p", "prompt=dented washer", "-p", "limit=5", "-o", work).EnsureSuccess("sly run");
        var shown = TileNames(ExecutedNotebook.Read(Path.Combine(work, "01-ai-search-tutorial.ipynb")).CodeCell("await Gallery.CreateAsync(api, textHits").All("text/html"));

        Sly(work, "export", Tutorial, "--to", "cs", "-o", Path.Combine(work, "tutorial.cs")).EnsureSuccess("sly export");
        var app = File.ReadAllText(Path.Combine(work, "tutorial.cs"));
        var run = ProcessRunner.Run("dotnet", ["run", "tutorial.cs", "prompt=dented washer", "limit=5"], work, Timeout, Environment()).EnsureSuccess("dotnet run tutorial.cs");

        Assert.Contains("#:package Sly.Interactive@*-*", app, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Split('\n'), line => line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal));
        Assert.Equal(5, shown.Count);
        Assert.All(shown, name => Assert.Contains(name, run.Output, StringComparison.Ordinal));
    }

    [Fact]
    public void A_cell_that_loops_forever_stops_at_the_cell_timeout_and_the_run_exits_1()
    {
        var work = Directory.CreateTempSubdirectory("sly-timeout-").FullName;
        var notebook = Path.Combine(work, "spin.ipynb");
        File.WriteAllText(notebook, """
            {"cells": [
              {"cell_type": "code", "execution_count": null, "id": "a", "metadata": {}, "outputs": [], "source": ["var n = 0L;"]},
              {"cell_type": "code", "execution_count": null, "id": "b", "metadata": {}, "outputs": [], "source": ["while (true) { n++; }"]},
              {"cell_type": "code", "execution_count": null, "id": "c", "metadata": {}, "outputs": [], "source": ["\"never\""]}],
             "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}},
             "nbformat": 4, "nbformat_minor": 5}
            """);

        var result = Sly(work, "run", notebook, "--cell-timeout", "3", "-o", work);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("TIMED OUT", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("still running", result.Output, StringComparison.Ordinal);
        var executed = ExecutedNotebook.Read(Path.Combine(work, "spin.ipynb"));
        Assert.Equal("CellTimeoutError", Assert.Single(executed.Cells[1].Outputs).ErrorName);
        Assert.Null(executed.Cells[2].ExecutionCount);
    }

    private ProcessRunner.Result Sly(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "sly.dll"), .. arguments], workingDirectory, Timeout, Environment());

    private Dictionary<string, string> Environment() => new() { ["SERVER_ADDRESS"] = server.ServerAddress, ["API_TOKEN"] = server.Token };

    private static List<string> TileNames(string html) => TileName().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"<figure class=""sly-tile""[^>]*>.*?<img [^>]*alt=""([^""]+)""", RegexOptions.Singleline)]
    private static partial Regex TileName();
}
