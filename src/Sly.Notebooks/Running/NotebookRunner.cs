using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Sly.Notebooks.Documents;
using Sly.Notebooks.Kernel;
using Sly.Notebooks.Parameters;

namespace Sly.Notebooks.Running;

/// <summary>
/// Runs a whole notebook on .NET Interactive's C# kernel the way papermill and nbclient drive a Jupyter kernel:
/// parameters injected after the <c>parameters</c> cell, code cells run in order in one fresh <see cref="NotebookKernel"/>,
/// outputs recorded as the kernel's Jupyter host records them (<see cref="CellOutputs"/>), execution counts from 1
/// (the kernel starts before the first cell, as a Jupyter kernel does, so the first cell's time is its own),
/// nbclient's timing in <c>metadata.execution</c> and papermill's <c>metadata.papermill</c> on the notebook and every cell.
/// Stops at the first error unless errors are allowed; a cell past the timeout is cancelled (its loops stop, see
/// <see cref="LoopCancellation"/>) and stops the run. For its duration the run sets the process's current directory and
/// the given environment variables, and puts them back afterwards; runs in one process take turns.
/// </summary>
public static class NotebookRunner
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>Runs the notebook, changing it in place (outputs, counts, metadata), and returns the outcome.</summary>
    public static async Task<NotebookRunResult> RunAsync(InteractiveDocument notebook, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        options ??= new NotebookRunOptions();
        var clock = Stopwatch.StartNew();
        var warnings = new List<string>();
        if (options.Parameters.Count > 0 && ParameterInjector.Inject(notebook, options.Parameters).Warning is { } warning)
            warnings.Add(warning);

        var startTime = DateTimeOffset.UtcNow;
        var papermill = PapermillMetadata.Of(notebook);
        papermill.TryAdd("parameters", new Dictionary<string, object?>());
        papermill["input_path"] = options.InputPath;
        papermill["output_path"] = options.OutputPath;
        papermill["start_time"] = PapermillMetadata.Time(startTime);
        papermill["end_time"] = null;
        papermill["duration"] = null;
        papermill["exception"] = null;
        var cells = notebook.Elements;
        foreach (var cell in cells)
        {
            cell.Metadata ??= new Dictionary<string, object>();
            cell.Metadata.Remove("execution");
            cell.Metadata["papermill"] = PapermillMetadata.CellRecord(null, null, "pending", null);
            if (!NotebookDocuments.IsMarkdown(notebook, cell) && !NotebookTags.Has(cell, NotebookTags.SkipExecution))
            {
                cell.Outputs.Clear();
                cell.ExecutionOrder = 0;
            }
        }

        var workingDirectory = options.WorkingDirectory
            ?? (options.InputPath is not null ? Path.GetDirectoryName(Path.GetFullPath(options.InputPath)) : null)
            ?? Environment.CurrentDirectory;
        int? failedIndex = null;
        ErrorElement? failure = null;
        bool cancelled = false, timedOut = false, abandoned = false;
        var withErrors = new List<int>();
        using (await RunScope.EnterAsync(workingDirectory, options.EnvironmentVariables, cancellationToken).ConfigureAwait(false))
        using (var kernel = new NotebookKernel())
        {
            await kernel.WarmUpAsync(cancellationToken).ConfigureAwait(false);
            var executionCount = 0;
            var stopped = false;
            for (var index = 0; index < cells.Count; index++)
            {
                var cell = cells[index];
                var metadata = cell.Metadata!;
                void Report(CellRunStatus status, TimeSpan duration, int outputs = 0) =>
                    options.Progress?.Invoke(new CellProgress(index, cells.Count, status, duration, cell.ExecutionOrder > 0 ? cell.ExecutionOrder : null, outputs));
                var cellStart = DateTimeOffset.UtcNow;
                if (stopped)
                {
                    Report(CellRunStatus.NotRun, TimeSpan.Zero);
                    continue;
                }
                if (NotebookDocuments.IsMarkdown(notebook, cell))
                {
                    metadata["papermill"] = PapermillMetadata.CellRecord(cellStart, DateTimeOffset.UtcNow, "completed", false);
                    Report(CellRunStatus.Completed, TimeSpan.Zero);
                    continue;
                }
                if (NotebookTags.Has(cell, NotebookTags.SkipExecution))
                {
                    metadata["papermill"] = PapermillMetadata.CellRecord(cellStart, DateTimeOffset.UtcNow, "skipped", false);
                    Report(CellRunStatus.Skipped, TimeSpan.Zero);
                    continue;
                }

                cell.ExecutionOrder = ++executionCount;
                metadata["papermill"] = PapermillMetadata.CellRecord(cellStart, null, "running", null);
                Report(CellRunStatus.Running, TimeSpan.Zero);
                var outcome = await RunCellAsync(kernel, NotebookDocuments.KernelOf(notebook, cell), cell.Contents, executionCount, options.CellTimeout,
                    outputs => Report(CellRunStatus.Running, DateTimeOffset.UtcNow - cellStart, outputs), cancellationToken).ConfigureAwait(false);
                var cellEnd = DateTimeOffset.UtcNow;
                cell.Outputs.AddRange(outcome.Outputs);
                metadata["execution"] = Timing(cellStart, cellEnd);
                var failed = outcome.Status != CellRunStatus.Completed;
                metadata["papermill"] = PapermillMetadata.CellRecord(cellStart, cellEnd, failed ? "failed" : "completed", failed);
                Report(outcome.Status, cellEnd - cellStart, outcome.Outputs.Count);
                abandoned |= outcome.StillRunning;
                if (!failed)
                    continue;
                withErrors.Add(index);
                cancelled |= outcome.Cancelled;
                timedOut |= outcome.Status == CellRunStatus.TimedOut;
                if (outcome.Cancelled || outcome.Status == CellRunStatus.TimedOut || !(options.AllowErrors || NotebookTags.Has(cell, NotebookTags.RaisesException)))
                {
                    stopped = true;
                    failedIndex = index;
                    failure = outcome.Outputs.OfType<ErrorElement>().FirstOrDefault();
                }
            }
        }

        var endTime = DateTimeOffset.UtcNow;
        papermill["end_time"] = PapermillMetadata.Time(endTime);
        papermill["duration"] = (endTime - startTime).TotalSeconds;
        papermill["exception"] = failedIndex is not null;
        return new NotebookRunResult(notebook, failedIndex, failure, cancelled, timedOut, abandoned, withErrors, warnings, clock.Elapsed);
    }

    /// <summary>
    /// Reads a notebook file (.ipynb or .dib), runs it with its folder as the working directory (unless the options name
    /// another), and writes the executed notebook as .ipynb to <paramref name="outputPath"/>, even when a cell failed.
    /// </summary>
    public static async Task<NotebookRunResult> RunFileAsync(string inputPath, string outputPath, NotebookRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var notebook = await NotebookDocuments.LoadAsync(inputPath).ConfigureAwait(false);
        var given = options ?? new NotebookRunOptions();
        var result = await RunAsync(notebook, new NotebookRunOptions
        {
            WorkingDirectory = given.WorkingDirectory,
            EnvironmentVariables = given.EnvironmentVariables,
            InputPath = given.InputPath ?? inputPath,
            OutputPath = given.OutputPath ?? outputPath,
            Parameters = given.Parameters,
            AllowErrors = given.AllowErrors,
            CellTimeout = given.CellTimeout,
            Progress = given.Progress,
        }, cancellationToken).ConfigureAwait(false);
        NotebookDocuments.SaveIpynb(result.Notebook, outputPath);
        return result;
    }

    private static async Task<CellOutcome> RunCellAsync(NotebookKernel kernel, string language, string code, int executionCount, TimeSpan? timeout,
        Action<int> changed, CancellationToken cancellationToken)
    {
        var outputs = new CellOutputs();
        if (language != NotebookKernel.CSharp)
        {
            outputs.AddError("Error", $"This cell is {language}; headless runs host the C# kernel only (run the notebook in VS Code or Jupyter for other languages).");
            return new CellOutcome(CellRunStatus.Failed, outputs.Snapshot(), false, false);
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
            stop.CancelAfter(limit);
        CellCancellation.Set(stop.Token);
        var failed = false;
        var subscription = kernel.Root.KernelEvents.Subscribe(e =>
        {
            failed |= e is CommandFailed;
            if (outputs.Add(e, executionCount))
                changed(outputs.Snapshot().Count);
        });
        try
        {
            var submission = kernel.SubmitAsync(LoopCancellation.Instrument(code), CancellationToken.None);
            var stopped = new TaskCompletionSource();
            await using (stop.Token.Register(() => stopped.TrySetResult()))
                await Task.WhenAny(submission, stopped.Task).ConfigureAwait(false);
            if (submission.IsCompleted)
            {
                await submission.ConfigureAwait(false);
                subscription.Dispose();
                return new CellOutcome(failed ? CellRunStatus.Failed : CellRunStatus.Completed, outputs.Snapshot(), false, false);
            }

            // Past the timeout (or the run was cancelled): the kernel's cancel ends the command; the loops of the cell end on the
            // cell token. Outputs stop here, so the kernel's "Command cancelled." does not stand in for the reason.
            subscription.Dispose();
            var wasCancelled = cancellationToken.IsCancellationRequested;
            outputs.AddError(wasCancelled ? "OperationCanceledException" : "CellTimeoutError", wasCancelled
                ? "The run was cancelled while this cell was running; the cell was stopped."
                : string.Create(CultureInfo.InvariantCulture, $"The cell ran longer than the cell timeout ({timeout!.Value.TotalSeconds:0.#} s) and was stopped."));
            await kernel.CancelAsync().ConfigureAwait(false);
            var ended = await Task.WhenAny(submission, Task.Delay(StopGrace, CancellationToken.None)).ConfigureAwait(false) == submission;
            return new CellOutcome(wasCancelled ? CellRunStatus.Failed : CellRunStatus.TimedOut, outputs.Snapshot(), wasCancelled, !ended);
        }
        finally
        {
            subscription.Dispose();
            CellCancellation.Set(CancellationToken.None);
        }
    }

    /// <summary>nbclient's per-cell timestamps (<c>record_timing</c>).</summary>
    private static Dictionary<string, object?> Timing(DateTimeOffset start, DateTimeOffset end) => new(StringComparer.Ordinal)
    {
        ["iopub.execute_input"] = Iso(start),
        ["iopub.status.busy"] = Iso(start),
        ["iopub.status.idle"] = Iso(end),
        ["shell.execute_reply"] = Iso(end),
    };

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private sealed record CellOutcome(CellRunStatus Status, IReadOnlyList<InteractiveDocumentOutputElement> Outputs, bool Cancelled, bool StillRunning);
}
