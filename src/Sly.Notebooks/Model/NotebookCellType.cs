namespace Sly.Notebooks;

/// <summary>The kind of a notebook cell, as nbformat 4 names it in <c>cell_type</c>.</summary>
public enum NotebookCellType
{
    /// <summary>Code to run (<c>"code"</c>); holds outputs and an execution count.</summary>
    Code,

    /// <summary>Markdown text (<c>"markdown"</c>).</summary>
    Markdown,

    /// <summary>Text passed through unchanged by every tool (<c>"raw"</c>).</summary>
    Raw,
}
