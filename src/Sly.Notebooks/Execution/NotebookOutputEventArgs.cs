namespace Sly.Notebooks.Execution;

/// <summary>A change to the outputs of a running (or finished) cell, as a Jupyter kernel would publish it.</summary>
public sealed class NotebookOutputEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public NotebookOutputEventArgs(int executionCount, OutputEventKind kind, NotebookOutput output, string? text)
    {
        ExecutionCount = executionCount;
        Kind = kind;
        Output = output;
        Text = text;
    }

    /// <summary>The execution count of the cell the output belongs to.</summary>
    public int ExecutionCount { get; }

    /// <summary>What happened.</summary>
    public OutputEventKind Kind { get; }

    /// <summary>The output as it now stands in the cell (a stream output holds all text so far).</summary>
    public NotebookOutput Output { get; }

    /// <summary>For <see cref="OutputEventKind.StreamText"/>: the text just written; otherwise null.</summary>
    public string? Text { get; }
}
