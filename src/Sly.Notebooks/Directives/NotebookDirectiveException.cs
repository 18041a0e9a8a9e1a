namespace Sly.Notebooks.Directives;

/// <summary>A directive in a cell (<c>#r</c>, <c>#i</c>, <c>#!…</c>) that is malformed or not supported; the message names the line and the allowed forms.</summary>
public sealed class NotebookDirectiveException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="line">The 1-based line of the directive within its cell.</param>
    /// <param name="message">What is wrong and what is allowed.</param>
    public NotebookDirectiveException(int line, string message)
        : base($"({line}): {message}")
    {
        Line = line;
    }

    /// <summary>The 1-based line of the directive within its cell.</summary>
    public int Line { get; }
}
