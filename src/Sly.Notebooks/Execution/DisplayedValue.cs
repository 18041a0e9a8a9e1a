using Sly.Notebooks.Execution;

namespace Sly.Notebooks;

/// <summary>
/// A value shown with <see cref="Kernel.display"/>: updating it replaces the output in place (live progress in a
/// front end; in the saved notebook the output shows the last value).
/// </summary>
public sealed class DisplayedValue
{
    private readonly string[] _mimeTypes;
    private readonly RunningCell? _cell;
    private readonly DisplayDataOutput? _output;

    internal DisplayedValue(string displayId, string[] mimeTypes, RunningCell? cell, DisplayDataOutput? output)
    {
        DisplayId = displayId;
        _mimeTypes = mimeTypes;
        _cell = cell;
        _output = output;
    }

    /// <summary>The id of the display (Jupyter's <c>transient.display_id</c>).</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the value shown, rendered with the same MIME types as the first one.</summary>
    /// <param name="newValue">The value to show instead.</param>
    public void Update(object? newValue)
    {
        var data = ValueRenderer.Render(newValue, _mimeTypes);
        if (_cell is null || _output is null)
        {
            Console.WriteLine(MimeBundleText.Join(data[ValueRenderer.PlainText]) ?? newValue?.ToString());
            return;
        }
        _cell.UpdateDisplay(_output, data);
    }
}
