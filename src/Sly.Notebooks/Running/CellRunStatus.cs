namespace Sly.Notebooks.Running;

/// <summary>Where a cell stands in a notebook run (what a progress line shows).</summary>
public enum CellRunStatus
{
    /// <summary>The cell is running now.</summary>
    Running,

    /// <summary>The cell finished without error (markdown cells complete at once).</summary>
    Completed,

    /// <summary>The cell raised an error.</summary>
    Failed,

    /// <summary>The cell ran past the cell timeout and was stopped.</summary>
    TimedOut,

    /// <summary>The cell is tagged <c>skip-execution</c> and was not run.</summary>
    Skipped,

    /// <summary>The run stopped before this cell (an earlier error, a timeout, or cancellation).</summary>
    NotRun,
}
