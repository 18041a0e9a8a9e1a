namespace Sly.Notebooks.Execution;

/// <summary>What happened to a cell's outputs (one Jupyter IOPub message each).</summary>
public enum OutputEventKind
{
    /// <summary>Text was written to stdout or stderr (<c>stream</c>); <see cref="NotebookOutputEventArgs.Text"/> holds the new text.</summary>
    StreamText,

    /// <summary>A value was displayed with <c>display(…)</c> (<c>display_data</c>).</summary>
    DisplayData,

    /// <summary>A displayed value was replaced through its handle (<c>update_display_data</c>).</summary>
    DisplayUpdate,

    /// <summary>The cell's trailing expression produced a value (<c>execute_result</c>).</summary>
    ExecuteResult,

    /// <summary>The cell failed (<c>error</c>).</summary>
    Error,
}
