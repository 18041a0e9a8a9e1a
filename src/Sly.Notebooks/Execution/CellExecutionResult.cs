using System.Globalization;
using System.Text.Json.Nodes;

namespace Sly.Notebooks.Execution;

/// <summary>The outcome of one cell execution: its count, status, outputs and the nbclient-style timestamps.</summary>
public sealed class CellExecutionResult
{
    internal CellExecutionResult(int executionCount, CellExecutionStatus status, ErrorOutput? error, IReadOnlyList<NotebookOutput> outputs,
        DateTimeOffset started, DateTimeOffset inputAccepted, DateTimeOffset replied, DateTimeOffset finished)
    {
        ExecutionCount = executionCount;
        Status = status;
        Error = error;
        Outputs = outputs;
        Started = started;
        InputAccepted = inputAccepted;
        Replied = replied;
        Finished = finished;
    }

    /// <summary>The execution count the cell got.</summary>
    public int ExecutionCount { get; }

    /// <summary>How it ended.</summary>
    public CellExecutionStatus Status { get; }

    /// <summary>The error output when the cell failed or timed out; otherwise null.</summary>
    public ErrorOutput? Error { get; }

    /// <summary>The cell's outputs (a live list: a display updated later by a background task changes it).</summary>
    public IReadOnlyList<NotebookOutput> Outputs { get; }

    /// <summary>When the session started on the cell (nbclient's <c>iopub.status.busy</c>).</summary>
    public DateTimeOffset Started { get; }

    /// <summary>When the code was accepted for execution (<c>iopub.execute_input</c>).</summary>
    public DateTimeOffset InputAccepted { get; }

    /// <summary>When the execution finished (<c>shell.execute_reply</c>).</summary>
    public DateTimeOffset Replied { get; }

    /// <summary>When the session was idle again (<c>iopub.status.idle</c>).</summary>
    public DateTimeOffset Finished { get; }

    /// <summary>How long the cell took.</summary>
    public TimeSpan Duration => Finished - Started;

    /// <summary>The timing object nbclient writes into <c>cell.metadata.execution</c>.</summary>
    public JsonObject TimingMetadata() => new()
    {
        ["iopub.execute_input"] = Timestamp(InputAccepted),
        ["iopub.status.busy"] = Timestamp(Started),
        ["iopub.status.idle"] = Timestamp(Finished),
        ["shell.execute_reply"] = Timestamp(Replied),
    };

    /// <summary>An ISO 8601 UTC timestamp with microseconds, as Jupyter writes them.</summary>
    internal static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
