using System.Diagnostics;
using Microsoft.DotNet.Interactive.Documents;
using Sly.Notebooks.Documents;
using Sly.Notebooks.Running;

namespace Sly.Notebooks.Tests.Running;

/// <summary>Whole notebooks on the real C# kernel, papermill/nbclient style.</summary>
[Collection(NotebookRuns.Name)]
public sealed class NotebookRunnerTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NotebookRunOptions Options(bool allowErrors = false, IReadOnlyDictionary<string, object?>? parameters = null, List<CellProgress>? progress = null,
        TimeSpan? timeout = null) => new()
    {
        WorkingDirectory = _folder.Path,
        AllowErrors = allowErrors,
        Parameters = parameters ?? new Dictionary<string, object?>(),
        CellTimeout = timeout,
        Progress = progress is null ? null : p => { lock (progress) progress.Add(p); },
    };

    [Fact]
    public async Task State_carries_over_between_cells_and_outputs_are_recorded_like_the_jupyter_host()
    {
        var notebook = TestNotebooks.Create(
            "# Title",
            "var n = 20;\nConsole.WriteLine(\"a\");\nConsole.WriteLine(\"b\");\nConsole.Error.WriteLine(\"e\");",
            "display($\"{n * 2}\");\nn + 22");

        var result = await NotebookRunner.RunAsync(notebook, Options(), Ct);

        Assert.True(result.Succeeded, result.Error?.ErrorValue);
        var first = notebook.Elements[1];
        Assert.Equal(1, first.ExecutionOrder);
        Assert.Equal([("stdout", "a\nb\n"), ("stderr", "e\n")], first.Outputs.Cast<TextElement>().Select(t => (t.Name, t.Text)));
        var second = notebook.Elements[2];
        Assert.Equal(2, second.ExecutionOrder);
        Assert.Equal("40", Assert.IsType<DisplayElement>(second.Outputs[0]).Text());
        var value = Assert.IsType<ReturnValueElement>(second.Outputs[1]);
        Assert.Equal(2, value.ExecutionOrder);
        Assert.Contains("42", value.Text("text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_error_stops_the_run_and_later_cells_stay_empty()
    {
        var notebook = TestNotebooks.Create("var a = 1;", "throw new InvalidOperationException(\"stop\");", "Console.WriteLine(\"never\");");
        notebook.Elements[2].Outputs.Add(new TextElement("stale output", "stdout"));
        notebook.Elements[2].ExecutionOrder = 9;

        var result = await NotebookRunner.RunAsync(notebook, Options(), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.FailedCellIndex);
        Assert.Equal("Error", result.Error?.ErrorName);
        Assert.StartsWith("System.InvalidOperationException: stop", result.Error?.ErrorValue, StringComparison.Ordinal);
        Assert.Equal([1, 2, 0], notebook.Elements.Select(c => c.ExecutionOrder));
        Assert.Empty(notebook.Elements[2].Outputs);
        Assert.Equal("pending", notebook.Elements[2].Papermill()["status"]);
        Assert.Equal("failed", notebook.Elements[1].Papermill()["status"]);
        Assert.Equal(true, PapermillMetadata.Of(notebook)["exception"]);
    }

    [Fact]
    public async Task A_compile_error_goes_to_stderr_with_its_line_in_the_cell_like_the_jupyter_host()
    {
        var notebook = TestNotebooks.Create("var ok = 1;\nfor (var i = 0; i < 2; i++) { ok++; }\nint x = \"text\";");

        var result = await NotebookRunner.RunAsync(notebook, Options(), Ct);

        var outputs = notebook.Elements[0].Outputs;
        Assert.Contains("(3,9): error CS0029", Assert.IsType<TextElement>(outputs[0]).Text, StringComparison.Ordinal);
        var error = Assert.IsType<ErrorElement>(outputs[1]);
        Assert.Equal(("Error", "compilation error"), (error.ErrorName, error.ErrorValue));
        Assert.Equal(0, result.FailedCellIndex);
    }

    [Fact]
    public async Task Allowing_errors_runs_every_cell_and_tags_work_like_nbclient()
    {
        var notebook = TestNotebooks.Create("throw new Exception(\"first\");", "undefined_name", "Console.WriteLine(\"skipped\");", "throw new Exception(\"expected\");", "\"ran\"");
        notebook.Elements[2].Tagged(NotebookTags.SkipExecution);
        notebook.Elements[3].Tagged(NotebookTags.RaisesException);

        var result = await NotebookRunner.RunAsync(notebook, Options(allowErrors: true), Ct);

        Assert.True(result.Succeeded);
        Assert.Equal([0, 1, 3], result.CellsWithErrors);
        Assert.Empty(notebook.Elements[2].Outputs);
        Assert.Equal(0, notebook.Elements[2].ExecutionOrder);
        Assert.Equal("ran", Assert.IsType<ReturnValueElement>(notebook.Elements[4].Outputs[0]).Text());
        Assert.Equal(4, notebook.Elements[4].ExecutionOrder);
        Assert.Equal(false, PapermillMetadata.Of(notebook)["exception"]);
    }

    [Fact]
    public async Task Timing_and_papermill_metadata_are_recorded()
    {
        var progress = new List<CellProgress>();
        var notebook = TestNotebooks.Create("# Heading", "await Task.Delay(30);");

        var result = await NotebookRunner.RunAsync(notebook, Options(progress: progress), Ct);

        var papermill = PapermillMetadata.Of(notebook);
        Assert.All(["start_time", "end_time", "duration", "exception", "parameters", "input_path", "output_path"], key => Assert.True(papermill.ContainsKey(key), key));
        Assert.True((double)papermill["duration"]! > 0.02);
        var code = notebook.Elements[1];
        Assert.Equal(["iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"],
            ((IDictionary<string, object?>)code.Metadata!["execution"]).Keys.Order(StringComparer.Ordinal));
        Assert.Equal("completed", code.Papermill()["status"]);
        Assert.True((double)code.Papermill()["duration"]! >= 0.025);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$", (string)code.Papermill()["start_time"]!);
        Assert.Equal([(0, CellRunStatus.Completed), (1, CellRunStatus.Running), (1, CellRunStatus.Completed)],
            progress.Where(p => p.Status != CellRunStatus.Running || p.Duration == TimeSpan.Zero).Select(p => (p.CellIndex, p.Status)));
        Assert.True(progress[^1].Duration >= TimeSpan.FromMilliseconds(25));
        Assert.Equal(1, progress[^1].ExecutionCount);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task An_injected_value_changes_what_the_notebook_computes_from_it()
    {
        var notebook = TestNotebooks.Create("var prompt = \"dog\";\nvar limit = 1;", "string.Concat(Enumerable.Repeat(prompt, (int)limit))");
        notebook.Elements[0].Tagged(NotebookTags.Parameters);

        var result = await NotebookRunner.RunAsync(notebook, Options(parameters: new Dictionary<string, object?> { ["prompt"] = "cat", ["limit"] = 3L }), Ct);

        Assert.True(result.Succeeded, result.Error?.ErrorValue);
        Assert.Equal(3, notebook.Elements.Count);
        Assert.True(NotebookTags.Has(notebook.Elements[1], NotebookTags.InjectedParameters));
        Assert.True(NotebookTags.Has(notebook.Elements[0], NotebookTags.Parameters));
        Assert.StartsWith("// Injected parameters\n", notebook.Elements[1].Contents, StringComparison.Ordinal);
        Assert.Equal("catcatcat", Assert.IsType<ReturnValueElement>(notebook.Elements[2].Outputs[0]).Text());
    }

    [Fact]
    public async Task A_cell_that_loops_forever_is_stopped_at_the_timeout_and_leaves_no_busy_thread()
    {
        var notebook = TestNotebooks.Create("var spins = 0L;", "while (true) { spins++; }", "\"never\"");
        var clock = Stopwatch.StartNew();

        var result = await NotebookRunner.RunAsync(notebook, Options(allowErrors: true, timeout: TimeSpan.FromSeconds(3)), Ct);

        Assert.True(result.TimedOut);
        Assert.False(result.AbandonedCellRunning);
        Assert.Equal(1, result.FailedCellIndex);
        Assert.Equal("CellTimeoutError", result.Error?.ErrorName);
        Assert.Equal(0, notebook.Elements[2].ExecutionOrder);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the run took {clock.Elapsed}");
        // A spinning thread burns one core-second per second; the rest of the process (background JIT tiering after the
        // kernel's work) far less once it settles.
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        process.Refresh();
        var busy = process.TotalProcessorTime - before;
        Assert.True(busy < TimeSpan.FromSeconds(1.8), $"the process used {busy.TotalSeconds:0.00} s of CPU in the 3 s after the run");
    }

    [Fact]
    public async Task Two_notebooks_in_one_process_do_not_see_each_others_variables_or_environment()
    {
        var first = TestNotebooks.Create("var secret = 42;\nEnvironment.GetEnvironmentVariable(\"SLY_RUNNER_TEST\")");
        var second = TestNotebooks.Create("secret", "Environment.GetEnvironmentVariable(\"SLY_RUNNER_TEST\") ?? \"unset\"");
        var withVariable = new NotebookRunOptions
        {
            WorkingDirectory = _folder.Path,
            EnvironmentVariables = new Dictionary<string, string?> { ["SLY_RUNNER_TEST"] = "first run" },
        };

        var firstResult = await NotebookRunner.RunAsync(first, withVariable, Ct);
        var secondResult = await NotebookRunner.RunAsync(second, Options(allowErrors: true), Ct);

        Assert.True(firstResult.Succeeded, firstResult.Error?.ErrorValue);
        Assert.Equal("first run", Assert.IsType<ReturnValueElement>(first.Elements[0].Outputs[0]).Text());
        Assert.Contains("CS0103", Assert.IsType<TextElement>(second.Elements[0].Outputs[0]).Text, StringComparison.Ordinal);
        Assert.Equal("unset", Assert.IsType<ReturnValueElement>(second.Elements[1].Outputs[0]).Text());
        Assert.Null(Environment.GetEnvironmentVariable("SLY_RUNNER_TEST"));
    }

    [Fact]
    public async Task Cells_run_in_the_notebook_folder_and_the_process_directory_is_put_back()
    {
        var input = _folder.File("in/nb.ipynb");
        var output = _folder.File("out/nb.ipynb");
        Directory.CreateDirectory(_folder.File("in"));
        NotebookDocuments.SaveIpynb(TestNotebooks.Create("System.IO.File.WriteAllText(\"written.txt\", \"x\");\nSystem.IO.Directory.GetCurrentDirectory()"), input);
        var before = Environment.CurrentDirectory;

        var result = await NotebookRunner.RunFileAsync(input, output, cancellationToken: Ct);

        Assert.True(result.Succeeded, result.Error?.ErrorValue);
        Assert.True(File.Exists(_folder.File("in/written.txt")));
        Assert.Equal(before, Environment.CurrentDirectory);
        var saved = await NotebookDocuments.LoadAsync(output);
        Assert.Contains(_folder.File("in"), Assert.IsType<ReturnValueElement>(saved.Elements[0].Outputs[0]).Text(), StringComparison.Ordinal);
        Assert.Equal(input, PapermillMetadata.Of(saved)["input_path"]?.ToString());
        Assert.Equal(output, PapermillMetadata.Of(saved)["output_path"]?.ToString());
    }

    [Fact]
    public async Task Cancelling_keeps_what_ran()
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var notebook = TestNotebooks.Create("\"1\"", "await Task.Delay(30_000);", "3");
        var options = new NotebookRunOptions
        {
            WorkingDirectory = _folder.Path,
            Progress = p => { if (p is { CellIndex: 1, Status: CellRunStatus.Running }) cancellation.CancelAfter(500); },
        };

        var result = await NotebookRunner.RunAsync(notebook, options, cancellation.Token);

        Assert.True(result.Cancelled);
        Assert.False(result.Succeeded);
        Assert.Equal("1", Assert.IsType<ReturnValueElement>(notebook.Elements[0].Outputs[0]).Text());
        Assert.Equal(0, notebook.Elements[2].ExecutionOrder);
    }

    [Fact]
    public async Task An_output_published_again_under_its_value_id_is_replaced_in_place()
    {
        var notebook = TestNotebooks.Create("""
            using Microsoft.DotNet.Interactive;
            using Microsoft.DotNet.Interactive.Events;
            using Microsoft.DotNet.Interactive.Formatting;
            var context = KernelInvocationContext.Current;
            context.Publish(new DisplayedValueProduced("one", context.Command, [new FormattedValue("text/plain", "one")], "progress"));
            context.Publish(new DisplayedValueUpdated("two", "progress", context.Command, [new FormattedValue("text/plain", "two")]));
            context.Publish(new DisplayedValueUpdated("ignored", "unknown", context.Command, [new FormattedValue("text/plain", "ignored")]));
            """);

        var result = await NotebookRunner.RunAsync(notebook, Options(), Ct);

        Assert.True(result.Succeeded, result.Error?.ErrorValue);
        Assert.Equal("two", Assert.IsType<DisplayElement>(Assert.Single(notebook.Elements[0].Outputs)).Text());
    }
}
