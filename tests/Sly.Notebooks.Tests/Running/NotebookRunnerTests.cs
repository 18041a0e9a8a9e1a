using System.Text.Json.Nodes;
using Sly.Notebooks.Running;

namespace Sly.Notebooks.Tests.Running;

public sealed class NotebookRunnerTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private NotebookRunOptions Options(bool allowErrors = false, IReadOnlyDictionary<string, object?>? parameters = null, List<CellProgress>? progress = null) => new()
    {
        WorkingDirectory = _folder.Path,
        SetCurrentDirectory = false,
        AllowErrors = allowErrors,
        Parameters = parameters ?? new Dictionary<string, object?>(),
        Progress = progress is null ? null : p => { lock (progress) progress.Add(p); },
    };

    private static Notebook Notebook(params string[] cells)
    {
        var notebook = Sly.Notebooks.Notebook.CreateCSharp();
        foreach (var source in cells)
            notebook.Cells.Add(source.StartsWith("# ", StringComparison.Ordinal) ? NotebookCell.Markdown(source) : NotebookCell.Code(source));
        return notebook;
    }

    [Fact]
    public async Task The_first_error_stops_the_run_and_later_cells_stay_empty()
    {
        var notebook = Notebook("var a = 1;", "throw new InvalidOperationException(\"stop\");", "Console.WriteLine(\"never\");");
        notebook.Cells[2].Outputs.Add(new StreamOutput("stdout", "stale output"));
        notebook.Cells[2].ExecutionCount = 9;

        var result = await NotebookRunner.RunAsync(notebook, Options(), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.FailedCellIndex);
        Assert.Equal("stop", result.Error?.EValue);
        var cells = result.Notebook.Cells;
        Assert.Equal([1, 2, null], cells.Select(c => c.ExecutionCount));
        Assert.Empty(cells[2].Outputs);
        Assert.Equal("pending", cells[2].Metadata["papermill"]!["status"]!.GetValue<string>());
        Assert.Equal("failed", cells[1].Metadata["papermill"]!["status"]!.GetValue<string>());
        Assert.True(result.Notebook.Metadata["papermill"]!["exception"]!.GetValue<bool>());
        Assert.Equal("stale output", ((StreamOutput)notebook.Cells[2].Outputs[0]).Text);
    }

    [Fact]
    public async Task Allowing_errors_runs_every_cell()
    {
        var notebook = Notebook("throw new Exception(\"first\");", "undefined_name", "1 + 1");

        var result = await NotebookRunner.RunAsync(notebook, Options(allowErrors: true), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal([0, 1], result.CellsWithErrors);
        Assert.Equal("CompilationError", Assert.IsType<ErrorOutput>(result.Notebook.Cells[1].Outputs[0]).EName);
        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(result.Notebook.Cells[2].Outputs[0]).GetText("text/plain"));
        Assert.False(result.Notebook.Metadata["papermill"]!["exception"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Raises_exception_and_skip_execution_tags_work_like_nbclient()
    {
        var notebook = Notebook("throw new Exception(\"expected\");", "Console.WriteLine(\"skipped\");", "\"ran\"");
        notebook.Cells[0].AddTag(NotebookCell.RaisesExceptionTag);
        notebook.Cells[1].AddTag(NotebookCell.SkipExecutionTag);

        var result = await NotebookRunner.RunAsync(notebook, Options(), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.IsType<ErrorOutput>(Assert.Single(result.Notebook.Cells[0].Outputs));
        Assert.Empty(result.Notebook.Cells[1].Outputs);
        Assert.Null(result.Notebook.Cells[1].ExecutionCount);
        Assert.Equal("ran", Assert.IsType<ExecuteResultOutput>(result.Notebook.Cells[2].Outputs[0]).GetText("text/plain"));
        Assert.Equal(2, result.Notebook.Cells[2].ExecutionCount);
    }

    [Fact]
    public async Task Timing_and_papermill_metadata_are_recorded()
    {
        var progress = new List<CellProgress>();
        var notebook = Notebook("# Heading", "await Task.Delay(30);");

        var result = await NotebookRunner.RunAsync(notebook, Options(progress: progress) , TestContext.Current.CancellationToken);

        var papermill = (JsonObject)result.Notebook.Metadata["papermill"]!;
        Assert.All(["start_time", "end_time", "duration", "exception", "parameters", "input_path", "output_path"], key => Assert.True(papermill.ContainsKey(key), key));
        Assert.True(papermill["duration"]!.GetValue<double>() > 0.02);
        var code = result.Notebook.Cells[1];
        Assert.Equal(["iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"], ((JsonObject)code.Metadata["execution"]!).Select(p => p.Key).Order());
        var cellRecord = (JsonObject)code.Metadata["papermill"]!;
        Assert.Equal("completed", cellRecord["status"]!.GetValue<string>());
        Assert.False(cellRecord["exception"]!.GetValue<bool>());
        Assert.True(cellRecord["duration"]!.GetValue<double>() >= 0.025);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", cellRecord["start_time"]!.GetValue<string>());
        Assert.Equal("completed", result.Notebook.Cells[0].Metadata["papermill"]!["status"]!.GetValue<string>());
        Assert.Equal(
            [(0, CellRunStatus.Completed), (1, CellRunStatus.Running), (1, CellRunStatus.Completed)],
            progress.Select(p => (p.CellIndex, p.Status)));
        Assert.True(progress[^1].Duration >= TimeSpan.FromMilliseconds(25));
        Assert.Equal(1, progress[^1].ExecutionCount);
    }

    [Fact]
    public async Task Parameters_are_injected_and_override_the_defaults()
    {
        var notebook = Notebook("var prompt = \"dog\";\nvar limit = 1;", "$\"{prompt}:{limit}\"");
        notebook.Cells[0].AddTag(NotebookCell.ParametersTag);

        var result = await NotebookRunner.RunAsync(notebook, Options(parameters: new Dictionary<string, object?> { ["prompt"] = "cat", ["limit"] = 3L }),
            TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.Equal(3, result.Notebook.Cells.Count);
        Assert.True(result.Notebook.Cells[1].HasTag(NotebookCell.InjectedParametersTag));
        Assert.Equal("cat:3", Assert.IsType<ExecuteResultOutput>(result.Notebook.Cells[2].Outputs[0]).GetText("text/plain"));
        Assert.Equal(3, result.Notebook.Metadata["papermill"]!["parameters"]!["limit"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_cell_timeout_stops_the_run_even_with_errors_allowed()
    {
        var notebook = Notebook("System.Threading.Thread.Sleep(3000);", "1");
        var options = new NotebookRunOptions { WorkingDirectory = _folder.Path, SetCurrentDirectory = false, AllowErrors = true, CellTimeout = TimeSpan.FromMilliseconds(300) };

        var result = await NotebookRunner.RunAsync(notebook, options, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.FailedCellIndex);
        Assert.Equal("CellTimeoutError", result.Error?.EName);
        Assert.Null(result.Notebook.Cells[1].ExecutionCount);
    }

    [Fact]
    public async Task Cells_run_in_the_notebook_folder_with_the_given_environment()
    {
        var input = _folder.File("in/nb.ipynb");
        var output = _folder.File("out/nb.ipynb");
        var notebook = Notebook("System.IO.File.WriteAllText(\"written.txt\", \"x\");\nEnvironment.GetEnvironmentVariable(\"SLY_NOTEBOOK_TEST_VARIABLE\")");
        NotebookFile.Write(notebook, input);
        var before = Environment.CurrentDirectory;

        var result = await NotebookRunner.RunFileAsync(input, output, new NotebookRunOptions
        {
            EnvironmentVariables = new Dictionary<string, string?> { ["SLY_NOTEBOOK_TEST_VARIABLE"] = "set" },
        }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.EValue);
        Assert.True(File.Exists(_folder.File("in/written.txt")));
        Assert.Equal(before, Environment.CurrentDirectory);
        Assert.Null(Environment.GetEnvironmentVariable("SLY_NOTEBOOK_TEST_VARIABLE"));
        var saved = NotebookFile.Read(output);
        Assert.Equal("set", Assert.IsType<ExecuteResultOutput>(saved.Cells[0].Outputs[0]).GetText("text/plain"));
        Assert.Equal(input, saved.Metadata["papermill"]!["input_path"]!.GetValue<string>());
        Assert.Equal(output, saved.Metadata["papermill"]!["output_path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_keeps_what_ran()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var notebook = Notebook("1", "await Task.Delay(10_000);", "3");
        var options = new NotebookRunOptions
        {
            WorkingDirectory = _folder.Path,
            SetCurrentDirectory = false,
            Progress = p => { if (p is { CellIndex: 1, Status: CellRunStatus.Running }) cancellation.CancelAfter(200); },
        };

        var result = await NotebookRunner.RunAsync(notebook, options, cancellation.Token);

        Assert.True(result.Cancelled);
        Assert.False(result.Succeeded);
        Assert.Equal("1", Assert.IsType<ExecuteResultOutput>(result.Notebook.Cells[0].Outputs[0]).GetText("text/plain"));
        Assert.Null(result.Notebook.Cells[2].ExecutionCount);
    }
}
