namespace Sly.Notebooks.Execution;

/// <summary>How a cell's execution ended.</summary>
public enum CellExecutionStatus
{
    /// <summary>The cell ran to its end.</summary>
    Succeeded,

    /// <summary>The cell raised an error (compilation, directive, restore or exception); see <see cref="CellExecutionResult.Error"/>.</summary>
    Failed,

    /// <summary>The cell ran past the session's cell timeout and was abandoned; the session should not be trusted afterwards.</summary>
    TimedOut,
}
