namespace Sly.Notebooks.Running;

/// <summary>The outcome of a notebook run.</summary>
public sealed class NotebookRunResult
{
    internal NotebookRunResult(Notebook notebook, int? failedCellIndex, ErrorOutput? error, bool cancelled, IReadOnlyList<int> cellsWithErrors,
        IReadOnlyList<string> warnings, TimeSpan duration)
    {
        Notebook = notebook;
        FailedCellIndex = failedCellIndex;
        Error = error;
        Cancelled = cancelled;
        CellsWithErrors = cellsWithErrors;
        Warnings = warnings;
        Duration = duration;
    }

    /// <summary>The executed notebook: outputs, execution counts, timing and papermill metadata.</summary>
    public Notebook Notebook { get; }

    /// <summary>Whether the run reached the end: no error stopped it and it was not cancelled (allowed errors don't count).</summary>
    public bool Succeeded => FailedCellIndex is null && !Cancelled;

    /// <summary>The index of the cell whose error (or timeout) stopped the run; null when none did.</summary>
    public int? FailedCellIndex { get; }

    /// <summary>That cell's error.</summary>
    public ErrorOutput? Error { get; }

    /// <summary>The indexes of every cell that produced an error, the allowed ones included.</summary>
    public IReadOnlyList<int> CellsWithErrors { get; }

    /// <summary>Whether the run was cancelled through its token before the end.</summary>
    public bool Cancelled { get; }

    /// <summary>Things the caller should hear about (e.g. parameters injected at the top for lack of a <c>parameters</c> cell).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; }
}
