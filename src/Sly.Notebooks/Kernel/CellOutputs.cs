using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Sly.Notebooks.Kernel;

/// <summary>
/// A cell's outputs as the kernel's Jupyter host records them: displays (updated in place by value id), the return value,
/// stdout and stderr (consecutive writes to one stream merged, as nbclient merges them), and failures — a compilation error
/// as the diagnostics on stderr plus an "Error: compilation error" output, any other failure as an "Error" output with
/// its message.
/// </summary>
public sealed class CellOutputs
{
    private readonly List<InteractiveDocumentOutputElement> _outputs = [];
    private readonly Dictionary<string, int> _displays = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The outputs so far, in order.</summary>
    public IReadOnlyList<InteractiveDocumentOutputElement> Snapshot()
    {
        lock (_gate)
            return _outputs.ToList();
    }

    /// <summary>The first error output, if any.</summary>
    public ErrorElement? FirstError
    {
        get
        {
            lock (_gate)
                return _outputs.OfType<ErrorElement>().FirstOrDefault();
        }
    }

    /// <summary>Records what a kernel event adds to the cell; returns whether it changed the outputs.</summary>
    public bool Add(KernelEvent kernelEvent, int executionCount)
    {
        ArgumentNullException.ThrowIfNull(kernelEvent);
        lock (_gate)
        {
            switch (kernelEvent)
            {
                case DisplayedValueUpdated update:
                    // Jupyter front ends ignore an update whose display they never saw; so does this.
                    if (update.ValueId is null || !_displays.TryGetValue(update.ValueId, out var at))
                        return false;
                    _outputs[at] = Display(update.FormattedValues);
                    return true;
                case DisplayedValueProduced display:
                    if (display.ValueId is { } id)
                        _displays[id] = _outputs.Count;
                    _outputs.Add(Display(display.FormattedValues));
                    return true;
                case ReturnValueProduced value:
                    var result = new ReturnValueElement { ExecutionOrder = executionCount };
                    foreach (var formatted in value.FormattedValues.Where(v => !v.SuppressDisplay))
                        result.Data[formatted.MimeType] = formatted.Value;
                    _outputs.Add(result);
                    return true;
                case StandardOutputValueProduced stdout:
                    AddStream("stdout", Text(stdout.FormattedValues));
                    return true;
                case StandardErrorValueProduced stderr:
                    AddStream("stderr", Text(stderr.FormattedValues));
                    return true;
                case ErrorProduced error:
                    _outputs.Add(new ErrorElement(error.Message, "Error", [error.Message]));
                    return true;
                case CommandFailed { Exception: CodeSubmissionCompilationErrorException } failed:
                    AddStream("stderr", "\n" + failed.Message + "\n\n");
                    _outputs.Add(new ErrorElement("compilation error", "Error", []));
                    return true;
                case CommandFailed failed:
                    _outputs.Add(new ErrorElement(failed.Message, "Error", [failed.Message]));
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Adds an error the run itself raised (a timeout).</summary>
    public void AddError(string name, string message)
    {
        lock (_gate)
            _outputs.Add(new ErrorElement(message, name, [message]));
    }

    private void AddStream(string name, string text)
    {
        if (_outputs.Count > 0 && _outputs[^1] is TextElement last && last.Name == name)
            _outputs[^1] = new TextElement(last.Text + text, name);
        else
            _outputs.Add(new TextElement(text, name));
    }

    private static DisplayElement Display(IReadOnlyCollection<FormattedValue> values) =>
        new(values.Where(v => !v.SuppressDisplay).ToDictionary(v => v.MimeType, v => (object)v.Value));

    private static string Text(IReadOnlyCollection<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? values.FirstOrDefault()?.Value ?? "";
}
