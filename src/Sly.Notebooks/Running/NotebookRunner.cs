using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Sly.Notebooks.Execution;
using Sly.Notebooks.Parameters;

namespace Sly.Notebooks.Running;

/// <summary>
/// Runs a whole notebook the way papermill and nbclient do: parameters injected after the <c>parameters</c> cell, code
/// cells run in order in one <see cref="NotebookSession"/>, outputs and execution counts recorded, timing in
/// <c>metadata.execution</c> and papermill's <c>metadata.papermill</c> on the notebook and every cell. Stops at the first
/// error unless errors are allowed; cells after a stop keep no outputs and get no execution count.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs a copy of the notebook; the notebook passed in is not changed.</summary>
    /// <param name="notebook">The notebook to run.</param>
    /// <param name="options">How to run it; defaults when null.</param>
    /// <param name="cancellationToken">Stops the run; the result then holds what ran so far.</param>
    public static async Task<NotebookRunResult> RunAsync(Notebook notebook, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        options ??= new NotebookRunOptions();
        var clock = Stopwatch.StartNew();
        var run = notebook.Clone();
        var warnings = new List<string>();
        if (options.Parameters.Count > 0 && ParameterInjector.Inject(run, options.Parameters).Warning is { } warning)
            warnings.Add(warning);

        var startTime = DateTimeOffset.UtcNow;
        var papermill = PapermillSection(run.Metadata);
        papermill["parameters"] ??= new JsonObject();
        papermill["input_path"] = options.InputPath;
        papermill["output_path"] = options.OutputPath;
        papermill["start_time"] = PapermillTime(startTime);
        papermill["end_time"] = null;
        papermill["duration"] = null;
        papermill["exception"] = null;

        foreach (var cell in run.Cells)
        {
            cell.Metadata.Remove("execution");
            cell.Metadata["papermill"] = CellRecord(null, null, "pending", null);
            if (cell.CellType == NotebookCellType.Code && !cell.HasTag(NotebookCell.SkipExecutionTag))
            {
                lock (cell.Outputs)
                    cell.Outputs.Clear();
                cell.ExecutionCount = null;
            }
        }

        var workingDirectory = options.WorkingDirectory
            ?? (options.InputPath is not null ? Path.GetDirectoryName(Path.GetFullPath(options.InputPath)) : null)
            ?? Environment.CurrentDirectory;
        var sessionOptions = new NotebookSessionOptions
        {
            WorkingDirectory = workingDirectory,
            SetCurrentDirectory = options.SetCurrentDirectory,
            EnvironmentVariables = options.EnvironmentVariables,
            CellTimeout = options.CellTimeout,
            RestoreTimeout = options.RestoreTimeout,
            DotnetPath = options.DotnetPath,
            AdditionalReferences = options.AdditionalReferences,
            AdditionalImports = options.AdditionalImports,
        };

        int? failedIndex = null;
        ErrorOutput? failure = null;
        var cancelled = false;
        var withErrors = new List<int>();
        using (var session = new NotebookSession(sessionOptions))
        {
            if (options.Output is { } output)
                session.OutputProduced += (_, e) => output(e);
            var stopped = false;
            for (var index = 0; index < run.Cells.Count; index++)
            {
                var cell = run.Cells[index];
                if (stopped)
                {
                    options.Progress?.Invoke(new CellProgress(index, run.Cells.Count, CellRunStatus.NotRun, TimeSpan.Zero, null));
                    continue;
                }
                var cellStart = DateTimeOffset.UtcNow;
                if (cell.CellType != NotebookCellType.Code)
                {
                    cell.Metadata["papermill"] = CellRecord(cellStart, DateTimeOffset.UtcNow, "completed", false);
                    options.Progress?.Invoke(new CellProgress(index, run.Cells.Count, CellRunStatus.Completed, TimeSpan.Zero, null));
                    continue;
                }
                if (cell.HasTag(NotebookCell.SkipExecutionTag))
                {
                    cell.Metadata["papermill"] = CellRecord(cellStart, DateTimeOffset.UtcNow, "skipped", false);
                    options.Progress?.Invoke(new CellProgress(index, run.Cells.Count, CellRunStatus.Skipped, TimeSpan.Zero, null));
                    continue;
                }

                cell.Metadata["papermill"] = CellRecord(cellStart, null, "running", null);
                options.Progress?.Invoke(new CellProgress(index, run.Cells.Count, CellRunStatus.Running, TimeSpan.Zero, null));
                CellExecutionResult result;
                try
                {
                    result = await session.ExecuteAsync(cell, run.LanguageOf(cell), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    stopped = true;
                    cell.Metadata["papermill"] = CellRecord(cellStart, DateTimeOffset.UtcNow, "failed", true);
                    options.Progress?.Invoke(new CellProgress(index, run.Cells.Count, CellRunStatus.Failed, DateTimeOffset.UtcNow - cellStart, cell.ExecutionCount));
                    continue;
                }

                var failed = result.Status != CellExecutionStatus.Succeeded;
                cell.Metadata["execution"] = result.TimingMetadata();
                cell.Metadata["papermill"] = CellRecord(result.Started, result.Finished, failed ? "failed" : "completed", failed);
                options.Progress?.Invoke(new CellProgress(index, run.Cells.Count, failed ? CellRunStatus.Failed : CellRunStatus.Completed, result.Duration, result.ExecutionCount));
                if (!failed)
                    continue;
                withErrors.Add(index);
                var allowed = options.AllowErrors || cell.HasTag(NotebookCell.RaisesExceptionTag);
                if (result.Status == CellExecutionStatus.TimedOut || !allowed)
                {
                    stopped = true;
                    failedIndex = index;
                    failure = result.Error;
                }
            }
        }

        var endTime = DateTimeOffset.UtcNow;
        papermill["end_time"] = PapermillTime(endTime);
        papermill["duration"] = (endTime - startTime).TotalSeconds;
        papermill["exception"] = failedIndex is not null || cancelled;
        return new NotebookRunResult(run, failedIndex, failure, cancelled, withErrors, warnings, clock.Elapsed);
    }

    /// <summary>
    /// Reads a notebook file, runs it with its folder as the working directory (unless the options name another), and
    /// writes the executed notebook to <paramref name="outputPath"/> (.ipynb or .dib) even when a cell failed.
    /// </summary>
    public static async Task<NotebookRunResult> RunFileAsync(string inputPath, string outputPath, NotebookRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var notebook = NotebookFile.Read(inputPath);
        var baseOptions = options ?? new NotebookRunOptions();
        var effective = new NotebookRunOptions
        {
            WorkingDirectory = baseOptions.WorkingDirectory,
            SetCurrentDirectory = baseOptions.SetCurrentDirectory,
            InputPath = baseOptions.InputPath ?? inputPath,
            OutputPath = baseOptions.OutputPath ?? outputPath,
            Parameters = baseOptions.Parameters,
            AllowErrors = baseOptions.AllowErrors,
            CellTimeout = baseOptions.CellTimeout,
            RestoreTimeout = baseOptions.RestoreTimeout,
            EnvironmentVariables = baseOptions.EnvironmentVariables,
            DotnetPath = baseOptions.DotnetPath,
            AdditionalReferences = baseOptions.AdditionalReferences,
            AdditionalImports = baseOptions.AdditionalImports,
            Progress = baseOptions.Progress,
            Output = baseOptions.Output,
        };
        var result = await RunAsync(notebook, effective, cancellationToken).ConfigureAwait(false);
        NotebookFile.Write(result.Notebook, outputPath);
        return result;
    }

    private static JsonObject PapermillSection(JsonObject metadata)
    {
        if (metadata["papermill"] is JsonObject section)
            return section;
        section = new JsonObject();
        metadata["papermill"] = section;
        return section;
    }

    private static JsonObject CellRecord(DateTimeOffset? start, DateTimeOffset? end, string status, bool? exception) => new()
    {
        ["duration"] = start is { } s && end is { } e ? (e - s).TotalSeconds : null,
        ["end_time"] = end is { } endTime ? PapermillTime(endTime) : null,
        ["exception"] = exception,
        ["start_time"] = start is { } startTime ? PapermillTime(startTime) : null,
        ["status"] = status,
    };

    /// <summary>papermill's timestamps: <c>datetime.utcnow().isoformat()</c>, no zone suffix.</summary>
    private static string PapermillTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
