using Microsoft.DotNet.Interactive.Documents;

namespace Sly.Notebooks.Running;

/// <summary>The outcome of a notebook run.</summary>
public sealed class NotebookRunResult
{
    internal NotebookRunResult(InteractiveDocument notebook, int? failedCellIndex, ErrorElement? error, bool cancelled, bool timedOut,
        bool abandonedCellRunning, IReadOnlyList<int> cellsWithErrors, IReadOnlyList<string> warnings, TimeSpan duration)
    {
        Notebook = notebook;
        FailedCellIndex = failedCellIndex;
        Error = error;
        Cancelled = cancelled;
        TimedOut = timedOut;
        AbandonedCellRunning = abandonedCellRunning;
        CellsWithErrors = cellsWithErrors;
        Warnings = warnings;
        Duration = duration;
    }

    /// <summary>The executed notebook: outputs, execution counts, timing and papermill metadata.</summary>
    public InteractiveDocument Notebook { get; }

    /// <summary>Whether the run reached the end: no error stopped it and it was not cancelled (allowed errors don't count).</summary>
    public bool Succeeded => FailedCellIndex is null && !Cancelled;

    /// <summary>The index of the cell whose error (or timeout) stopped the run; null when none did.</summary>
    public int? FailedCellIndex { get; }

    /// <summary>That cell's error.</summary>
    public ErrorElement? Error { get; }

    /// <summary>The indexes of every cell that produced an error, the allowed ones included.</summary>
    public IReadOnlyList<int> CellsWithErrors { get; }

    /// <summary>Whether the run was cancelled through its token before the end.</summary>
    public bool Cancelled { get; }

    /// <summary>Whether a cell ran past the cell timeout.</summary>
    public bool TimedOut { get; }

    /// <summary>
    /// Whether a cancelled or timed-out cell was still running when the run gave up waiting for it (code the cell called, not
    /// a loop in the cell itself, ignored the cancellation).
    /// </summary>
    public bool AbandonedCellRunning { get; }

    /// <summary>Things the caller should hear about (e.g. parameters injected at the top for lack of a <c>parameters</c> cell).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; }
}
