using System.Text;

namespace Sly.Notebooks;

/// <summary>Text written to standard output or standard error while a cell ran (nbformat <c>stream</c>).</summary>
public sealed class StreamOutput : NotebookOutput
{
    /// <summary>The stream name for standard output.</summary>
    public const string StandardOutput = "stdout";

    /// <summary>The stream name for standard error.</summary>
    public const string StandardError = "stderr";

    private readonly StringBuilder _text;

    /// <summary>Creates a stream output.</summary>
    /// <param name="name">The stream: <c>stdout</c> or <c>stderr</c>.</param>
    /// <param name="text">The text written.</param>
    public StreamOutput(string name, string text)
    {
        if (name is not (StandardOutput or StandardError))
            throw new ArgumentException($"A stream is named '{StandardOutput}' or '{StandardError}', not '{name}'.", nameof(name));
        ArgumentNullException.ThrowIfNull(text);
        Name = name;
        _text = new StringBuilder(text);
    }

    /// <inheritdoc />
    public override string OutputType => "stream";

    /// <summary>The stream: <c>stdout</c> or <c>stderr</c>.</summary>
    public string Name { get; }

    /// <summary>All the text written so far.</summary>
    public string Text
    {
        get
        {
            lock (_text)
                return _text.ToString();
        }
    }

    /// <summary>Adds text written later to the same stream (consecutive writes share one output, as in Jupyter).</summary>
    public void Append(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_text)
            _text.Append(text);
    }

    /// <inheritdoc />
    public override NotebookOutput Clone() => CopyAdditionalPropertiesTo(new StreamOutput(Name, Text));
}
