namespace Sly.Notebooks;

/// <summary>An error a cell raised (nbformat <c>error</c>): a compilation error or an exception.</summary>
public sealed class ErrorOutput : NotebookOutput
{
    /// <summary>Creates an error output.</summary>
    /// <param name="errorName">The error's name: an exception type name, or <c>CompilationError</c>.</param>
    /// <param name="errorValue">The message.</param>
    /// <param name="traceback">The lines of the trace (diagnostics or stack frames).</param>
    public ErrorOutput(string errorName, string errorValue, IEnumerable<string> traceback)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorName);
        ArgumentNullException.ThrowIfNull(errorValue);
        ArgumentNullException.ThrowIfNull(traceback);
        EName = errorName;
        EValue = errorValue;
        Traceback = traceback.ToList();
    }

    /// <inheritdoc />
    public override string OutputType => "error";

    /// <summary>The error's name (nbformat <c>ename</c>).</summary>
    public string EName { get; }

    /// <summary>The error's message (nbformat <c>evalue</c>).</summary>
    public string EValue { get; }

    /// <summary>The trace, one line per item (nbformat <c>traceback</c>).</summary>
    public IReadOnlyList<string> Traceback { get; }

    /// <inheritdoc />
    public override NotebookOutput Clone() => CopyAdditionalPropertiesTo(new ErrorOutput(EName, EValue, Traceback));
}
