using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive.Documents;
using Sly.Notebooks.Export;
using Sly.Notebooks.Running;
using Spectre.Console;

namespace Sly.Cli;

/// <summary>One executed notebook: where it went, how many cells ran, the error outputs and the time it took.</summary>
public sealed record NotebookOutcome(string Input, string OutputNotebook, string OutputHtml, int CodeCells, int ErrorOutputs, TimeSpan Duration, string? FirstError)
{
    public bool Succeeded => ErrorOutputs == 0 && FirstError is null;
}

/// <summary>How a batch of notebooks runs: parameters, environment, errors, timeout, and where progress goes.</summary>
internal sealed record NotebookBatchOptions
{
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Environment variables the cells see (the run sets them and puts the old values back).</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    public bool AllowErrors { get; init; }

    public TimeSpan? CellTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Where progress lines go. Taken once, before any kernel exists: while a cell runs, the kernel holds the process's
    /// Console and drops what other code writes there.
    /// </summary>
    public TextWriter? Log { get; init; }

    /// <summary>Whether the log is a terminal, where a running cell's line is redrawn in place.</summary>
    public bool LiveLine { get; init; }
}

/// <summary>Runs notebooks one after another (sly run, sly demo), writing executed .ipynb and .html side by side.</summary>
internal static class NotebookBatch
{
    public static async Task<NotebookOutcome> RunOneAsync(string input, string outputDirectory, NotebookBatchOptions options, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(input);
        if (!File.Exists(full))
            throw new CliException($"Notebook not found: {full} (pass .ipynb or .dib files).");
        if (Path.GetExtension(full) is not (".ipynb" or ".dib"))
            throw new CliException($"Notebook {full} must be a .ipynb or .dib file.");
        Directory.CreateDirectory(outputDirectory);
        var stem = Path.GetFileNameWithoutExtension(full);
        var outputNotebook = Path.Combine(outputDirectory, stem + ".ipynb");
        var outputHtml = Path.Combine(outputDirectory, stem + ".html");
        var clock = Stopwatch.StartNew();
        var log = options.Log;
        var result = await NotebookRunner.RunFileAsync(full, outputNotebook, new NotebookRunOptions
        {
            Parameters = options.Parameters,
            EnvironmentVariables = options.EnvironmentVariables,
            AllowErrors = options.AllowErrors,
            CellTimeout = options.CellTimeout,
            Progress = log is null ? null : p => Report(log, options.LiveLine, stem, p),
        }, cancellationToken);
        NotebookHtmlExporter.WriteFile(result.Notebook, outputHtml, baseDirectory: Path.GetDirectoryName(full));
        var cells = result.Notebook.Elements.Where(c => c.KernelName is not ("markdown" or "md")).ToList();
        var errors = cells.Sum(c => c.Outputs.Count(o => o is ErrorElement));
        var firstError = result.Error is { } e ? $"cell {result.FailedCellIndex + 1}: {e.ErrorName}: {FirstLine(e.ErrorValue)}"
            : result.Cancelled ? "cancelled"
            : result.Notebook.Elements.SelectMany((c, i) => c.Outputs.OfType<ErrorElement>().Select(o => $"cell {i + 1}: {o.ErrorName}: {FirstLine(o.ErrorValue)}")).FirstOrDefault();
        if (result.AbandonedCellRunning)
            log?.WriteLine($"  {stem}: a stopped cell was still running when the run gave up on it (code it called ignored the cancellation).");
        foreach (var warning in result.Warnings)
            log?.WriteLine($"  {stem}: {warning}");
        return new NotebookOutcome(full, outputNotebook, outputHtml, cells.Count, errors, clock.Elapsed, firstError);
    }

    /// <summary>The summary table, written to <paramref name="console"/> (a writer taken before any kernel held the process's Console).</summary>
    public static void PrintTable(IReadOnlyList<NotebookOutcome> outcomes, TextWriter console)
    {
        var table = new Table().AddColumns("notebook", "code cells", "errors", "time");
        foreach (var o in outcomes)
        {
            table.AddRow(Markup.Escape(Path.GetFileName(o.Input)), o.CodeCells.ToString(CultureInfo.InvariantCulture),
                o.Succeeded ? "0" : $"[red]{o.ErrorOutputs.ToString(CultureInfo.InvariantCulture)}[/]",
                string.Create(CultureInfo.InvariantCulture, $"{o.Duration.TotalSeconds:0.0} s"));
        }
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console) }).Write(table);
        foreach (var o in outcomes.Where(o => !o.Succeeded))
            console.WriteLine($"{Path.GetFileName(o.Input)}: {o.FirstError}");
    }

    /// <summary>One line per cell: redrawn while it runs on a terminal, written once when it ends elsewhere (a CI log).</summary>
    private static void Report(TextWriter log, bool liveLine, string notebook, CellProgress p)
    {
        if (p.Status is CellRunStatus.NotRun || (p.Status is CellRunStatus.Completed or CellRunStatus.Skipped && p.ExecutionCount is null))
            return;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  {notebook}: cell {p.CellIndex + 1}/{p.CellCount} [{p.ExecutionCount}] {Describe(p.Status)} {p.Duration.TotalSeconds:0.0} s, {p.Outputs} output{(p.Outputs == 1 ? "" : "s")}");
        lock (log)
        {
            if (p.Status == CellRunStatus.Running)
            {
                if (liveLine)
                    log.Write("\r" + line.PadRight(Math.Max(line.Length, 78)));
                return;
            }
            log.WriteLine((liveLine ? "\r" : "") + line.PadRight(liveLine ? Math.Max(line.Length, 78) : 0));
        }
    }

    private static string Describe(CellRunStatus status) => status switch
    {
        CellRunStatus.Running => "running",
        CellRunStatus.Completed => "done",
        CellRunStatus.Failed => "FAILED",
        CellRunStatus.TimedOut => "TIMED OUT",
        CellRunStatus.Skipped => "skipped",
        _ => status.ToString(),
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
