using System.Text.Json.Nodes;
using Sly.Interactive.Client;
using Sly.Search.DemoData;
using Sly.Server.Hosting;
using Sly.Testing;

namespace Sly.Cli.Tests;

/// <summary>`sly import` and `sly run` as a user runs them: the built sly program against an embedded server on loopback.</summary>
public sealed class ImportAndRunCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly string _work = Directory.CreateTempSubdirectory("sly-cli-commands-").FullName;
    private RunningServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await SlyServer.StartAsync(new ServerOptions
        {
            DataDirectory = Path.Combine(_work, "server"),
            ModelDirectory = Path.Combine(Prerequisite.RepoRoot, "models", "demo-clip"),
        }, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Import_makes_a_dataset_per_sub_folder_and_a_rerun_uploads_only_new_files()
    {
        var folder = Path.Combine(_work, "inspection");
        WriteDemoImages(Path.Combine(folder, "line-a"), first: 0, count: 3);
        WriteDemoImages(Path.Combine(folder, "line-b"), first: 3, count: 2);
        File.WriteAllText(Path.Combine(folder, "line-a", "notes.txt"), "not an image");
        Directory.CreateDirectory(Path.Combine(folder, "empty"));

        var first = Sly("import", folder, "--project", "parts", "--server", _server.Address.ToString(), "--token", _server.AdminToken).EnsureSuccess("sly import");
        WriteDemoImages(Path.Combine(folder, "line-b"), first: 5, count: 1);
        var second = Sly("import", folder, "--project", "parts", "--server", _server.Address.ToString(), "--token", _server.AdminToken).EnsureSuccess("sly import (again)");

        Assert.Contains("5 images uploaded, 0 already there, 2 datasets", first.Output);
        Assert.Contains("1 images uploaded, 5 already there, 2 datasets", second.Output);
        using var api = SlyApi.Create(_server.Address.ToString(), _server.AdminToken);
        var project = Assert.Single(await api.Project.GetListAsync(ImportCommand.WorkspaceId, cancellationToken: TestContext.Current.CancellationToken), p => p.Name == "parts");
        var datasets = await api.Dataset.GetListAsync(project.Id, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["line-a", "line-b"], datasets.Select(d => d.Name).Order());
        var images = new Dictionary<string, List<string>>();
        foreach (var dataset in datasets)
            images[dataset.Name] = (await api.Image.GetListAsync(dataset.Id, cancellationToken: TestContext.Current.CancellationToken)).Select(i => i.Name).Order().ToList();
        Assert.Equal(["000000.png", "000001.png", "000002.png"], images["line-a"]);
        Assert.Equal(["000003.png", "000004.png", "000005.png"], images["line-b"]);
    }

    [Fact]
    public void Import_of_a_folder_without_image_sub_folders_says_what_it_expects()
    {
        var folder = Path.Combine(_work, "flat");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "loose.png"), DemoImageSet.Get(0, seed: 9, size: 32).EncodePng());

        var result = Sly("import", folder, "--server", _server.Address.ToString(), "--token", _server.AdminToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("has no sub-folders with images; expected DIR/<dataset>/<image>", result.Output);
    }

    [Fact]
    public void Import_with_a_server_but_no_token_says_they_go_together()
    {
        var result = Sly("import", _work, "--server", _server.Address.ToString());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--server and --token go together", result.Output);
    }

    [Fact]
    public void Run_injects_parameters_after_the_parameters_cell_and_writes_the_executed_notebook_and_its_html()
    {
        var notebook = WriteNotebook("answer.ipynb", "var n = 2;", "n * 21");
        var output = Path.Combine(_work, "executed");

        Sly("run", notebook, "-p", "n=3", "-o", output).EnsureSuccess("sly run");

        var executed = ExecutedNotebook.Read(Path.Combine(output, "answer.ipynb"));
        Assert.Equal([["parameters"], ["injected-parameters"], []], executed.Cells.Select(c => c.Tags));
        Assert.Contains("63", executed.Cells[^1].All("text/html"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "answer.html")));
    }

    [Fact]
    public void Run_of_a_failing_notebook_exits_1_and_keeps_the_error_in_the_executed_notebook()
    {
        var notebook = WriteNotebook("fails.ipynb", "var n = 2;", "throw new InvalidOperationException(\"boom\");");
        var output = Path.Combine(_work, "failed");

        var result = Sly("run", notebook, "-o", output);

        Assert.Equal(1, result.ExitCode);
        var executed = File.ReadAllText(Path.Combine(output, "fails.ipynb"));
        Assert.Contains("\"output_type\": \"error\"", executed, StringComparison.Ordinal);
        Assert.Contains("boom", executed, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_with_a_malformed_parameter_names_the_option_and_the_form()
    {
        var notebook = WriteNotebook("param.ipynb", "var n = 2;", "n");

        var result = Sly("run", notebook, "-p", "no-equals-sign", "-o", Path.Combine(_work, "bad"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("-p/--parameter", result.Output);
        Assert.Contains("name=value", result.Output);
    }

    private ProcessRunner.Result Sly(params string[] arguments) =>
        ProcessRunner.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "sly.dll"), .. arguments], _work, Timeout,
            new Dictionary<string, string> { ["SERVER_ADDRESS"] = "", ["API_TOKEN"] = "" });

    private static void WriteDemoImages(string folder, int first, int count)
    {
        Directory.CreateDirectory(folder);
        for (var i = first; i < first + count; i++)
            File.WriteAllBytes(Path.Combine(folder, $"{i:D6}.png"), DemoImageSet.Get(i, seed: 9, size: 48).EncodePng());
    }

    /// <summary>A C# notebook whose first cell is tagged "parameters", as papermill expects.</summary>
    private string WriteNotebook(string name, string parameters, string body)
    {
        static JsonObject Cell(string source, params string[] tags) => new()
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()),
            },
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        };
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(Cell(parameters, "parameters"), Cell(body)),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }
}
