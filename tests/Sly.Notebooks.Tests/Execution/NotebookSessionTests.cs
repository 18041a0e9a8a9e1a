using Sly.Notebooks.Execution;

namespace Sly.Notebooks.Tests.Execution;

public sealed class NotebookSessionTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly NotebookSession _session;

    public NotebookSessionTests()
    {
        _session = new NotebookSession(new NotebookSessionOptions { WorkingDirectory = _folder.Path, SetCurrentDirectory = false });
    }

    public void Dispose()
    {
        _session.Dispose();
        _folder.Dispose();
    }

    private Task<CellExecutionResult> Run(string code) => _session.ExecuteAsync(code, TestContext.Current.CancellationToken);

    [Fact]
    public async Task State_is_shared_across_cells_and_counts_increase()
    {
        var first = await Run("var greeting = \"hello\";\nint Twice(int x) => 2 * x;");
        var second = await Run("greeting + \" \" + Twice(21)");

        Assert.Equal(CellExecutionStatus.Succeeded, first.Status);
        Assert.Empty(first.Outputs);
        Assert.Equal(1, first.ExecutionCount);
        Assert.Equal(2, second.ExecutionCount);
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(second.Outputs));
        Assert.Equal("hello 42", result.GetText("text/plain"));
        Assert.Equal(["text/plain"], result.MimeTypes);
        Assert.Equal(2, result.ExecutionCount);
    }

    [Fact]
    public async Task Default_usings_and_top_level_await_work()
    {
        var result = await Run("""
            var sb = new StringBuilder();
            var list = new List<int> { 3, 1, 2 };
            await Task.Delay(1);
            sb.Append(string.Join(",", list.OrderBy(x => x)));
            sb.ToString()
            """);

        Assert.Equal(CellExecutionStatus.Succeeded, result.Status);
        Assert.Equal("1,2,3", Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs)).GetText("text/plain"));
    }

    [Fact]
    public async Task A_statement_or_void_call_at_the_end_gives_no_result()
    {
        var statement = await Run("var a = 1;");
        var voidCall = await Run("Console.Out.Flush()");

        Assert.Empty(statement.Outputs);
        Assert.Empty(voidCall.Outputs);
    }

    [Fact]
    public async Task A_trailing_object_is_rendered_as_html_and_plain_text()
    {
        var result = await Run("new { Name = \"cat\", Legs = 4 }");

        var output = Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs));
        Assert.Equal(["text/html", "text/plain"], output.MimeTypes);
        Assert.Contains("cat", output.GetText("text/html"));
        Assert.Contains("Legs: 4", output.GetText("text/plain"));
    }

    [Fact]
    public async Task A_trailing_null_shows_null()
    {
        var result = await Run("string s = null;\ns");

        Assert.Equal("<null>", Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs)).GetText("text/plain"));
    }

    [Fact]
    public async Task Display_adds_display_data_and_its_handle_replaces_it()
    {
        var result = await Run("""
            var handle = display("step 1");
            display(HTML("<b>bold</b>"));
            handle.Update("step 3 of 3");
            """);

        Assert.Equal(2, result.Outputs.Count);
        var progress = Assert.IsType<DisplayDataOutput>(result.Outputs[0]);
        Assert.Equal("step 3 of 3", progress.GetText("text/plain"));
        Assert.NotNull(progress.DisplayId);
        var html = Assert.IsType<DisplayDataOutput>(result.Outputs[1]);
        Assert.Equal(["text/html"], html.MimeTypes);
        Assert.Equal("<b>bold</b>", html.GetText("text/html"));
    }

    [Fact]
    public async Task Display_with_mime_types_renders_only_those()
    {
        var result = await Run("display(new[] { 1, 2, 3 }, \"text/plain\");");

        var output = Assert.IsType<DisplayDataOutput>(Assert.Single(result.Outputs));
        Assert.Equal(["text/plain"], output.MimeTypes);
        Assert.Equal("[ 1, 2, 3 ]", output.GetText("text/plain"));
    }

    [Fact]
    public async Task A_display_as_the_last_expression_is_not_shown_twice()
    {
        var result = await Run("display(\"once\")");

        Assert.IsType<DisplayDataOutput>(Assert.Single(result.Outputs));
    }

    [Fact]
    public async Task Console_writes_become_merged_stream_outputs_in_order()
    {
        var events = new List<NotebookOutputEventArgs>();
        _session.OutputProduced += (_, e) => { lock (events) events.Add(e); };

        var result = await Run("""
            Console.Write("a");
            Console.WriteLine("b");
            Console.Error.WriteLine("warn");
            display(1);
            Console.WriteLine("c");
            """);

        Assert.Collection(result.Outputs,
            o => Assert.Equal(("stdout", "ab\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal(("stderr", "warn\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.IsType<DisplayDataOutput>(o),
            o => Assert.Equal(("stdout", "c\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)));
        lock (events)
        {
            Assert.Equal(["a", "b\n", "warn\n", null, "c\n"], events.Select(e => e.Text));
            Assert.Equal(OutputEventKind.DisplayData, events[3].Kind);
        }
    }

    [Fact]
    public async Task A_listener_that_logs_to_the_console_does_not_feed_the_cell()
    {
        var seen = 0;
        _session.OutputProduced += (_, e) =>
        {
            Interlocked.Increment(ref seen);
            Console.WriteLine($"log: {e.Kind}");
        };

        var result = await Run("Console.WriteLine(\"once\");\ndisplay(1);");

        Assert.Equal(2, seen);
        Assert.Equal("once\n", Assert.IsType<StreamOutput>(result.Outputs[0]).Text);
        Assert.Equal(2, result.Outputs.Count);
    }

    [Fact]
    public async Task Writes_from_a_background_task_during_the_cell_reach_the_cell()
    {
        var result = await Run("""
            await Task.Run(async () =>
            {
                await Task.Delay(20);
                Console.WriteLine("from the pool");
            });
            """);

        Assert.Equal("from the pool\n", Assert.IsType<StreamOutput>(Assert.Single(result.Outputs)).Text);
    }

    [Fact]
    public async Task An_exception_becomes_an_error_output_with_name_value_and_traceback()
    {
        var result = await Run("var before = 1;\nthrow new InvalidOperationException(\"boom\");");

        Assert.Equal(CellExecutionStatus.Failed, result.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Same(error, result.Error);
        Assert.Equal("InvalidOperationException", error.EName);
        Assert.Equal("boom", error.EValue);
        Assert.StartsWith("System.InvalidOperationException: boom", error.Traceback[0]);
        Assert.Contains(error.Traceback, line => line.Contains("Submission#", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Traceback, line => line.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Output_before_an_exception_is_kept_and_state_survives()
    {
        var failed = await Run("var kept = 5;\nConsole.WriteLine(\"partial\");\nthrow new Exception(\"late\");");
        var next = await Run("kept");

        Assert.IsType<StreamOutput>(failed.Outputs[0]);
        Assert.IsType<ErrorOutput>(failed.Outputs[1]);
        Assert.Equal("5", Assert.IsType<ExecuteResultOutput>(Assert.Single(next.Outputs)).GetText("text/plain"));
    }

    [Fact]
    public async Task A_compile_error_names_the_line_within_the_cell()
    {
        var result = await Run("var fine = 1;\n\nvar broken = undefinedName + 1;");

        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("CompilationError", error.EName);
        Assert.StartsWith("(3,14): error CS0103:", error.EValue);
        Assert.Contains("undefinedName", error.EValue);
        Assert.Equal(error.EValue, Assert.Single(error.Traceback));
    }

    [Fact]
    public async Task Line_numbers_survive_directive_lines()
    {
        var result = await Run("#!csharp\n#!time\nint x = \"text\";");

        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.StartsWith("(3,9): error CS0029:", error.EValue);
    }

    [Fact]
    public async Task A_markdown_cell_is_shown_as_html()
    {
        var result = await Run("#!markdown\n# Title\nSome *text*.");

        var output = Assert.IsType<DisplayDataOutput>(Assert.Single(result.Outputs));
        Assert.Contains("<em>text</em>", output.GetText("text/html"));
        Assert.Equal("# Title\nSome *text*.", output.GetText("text/markdown"));
    }

    [Fact]
    public async Task A_cell_in_another_language_fails_clearly()
    {
        var cell = NotebookCell.Code("printfn \"hi\"", "fsharp");

        var result = await _session.ExecuteAsync(cell, cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.IsType<ErrorOutput>(Assert.Single(cell.Outputs));
        Assert.Equal("UnsupportedLanguageException", error.EName);
        Assert.Contains("fsharp", error.EValue);
        Assert.Equal(result.ExecutionCount, cell.ExecutionCount);
    }

    [Fact]
    public async Task An_unknown_magic_command_fails_and_names_the_supported_ones()
    {
        var result = await Run("#!whos");

        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal("NotebookDirectiveException", error.EName);
        Assert.Contains("#!whos", error.EValue);
        Assert.Contains("#!csharp", error.EValue);
    }

    [Fact]
    public async Task Timing_covers_the_cell()
    {
        var result = await Run("await Task.Delay(50);");

        Assert.True(result.Duration >= TimeSpan.FromMilliseconds(45), $"duration {result.Duration}");
        Assert.True(result.Started <= result.InputAccepted && result.InputAccepted <= result.Replied && result.Replied <= result.Finished);
        var timing = result.TimingMetadata();
        Assert.Equal(["iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"], timing.Select(p => p.Key));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", timing["iopub.status.busy"]!.GetValue<string>());
    }
}
