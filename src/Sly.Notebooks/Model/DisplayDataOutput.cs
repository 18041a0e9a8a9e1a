using System.Text.Json.Nodes;

namespace Sly.Notebooks;

/// <summary>
/// A value shown by a cell (nbformat <c>display_data</c>): a MIME bundle such as <c>text/html</c> and <c>text/plain</c>
/// renderings of the same value, plus per-MIME metadata.
/// </summary>
public class DisplayDataOutput : NotebookOutput
{
    private volatile JsonObject _data;
    private volatile JsonObject _metadata;

    /// <summary>Creates a display output.</summary>
    /// <param name="data">MIME type → value; text values are strings, JSON MIME types may hold objects.</param>
    /// <param name="metadata">Per-output metadata (nbformat <c>metadata</c>); empty when null.</param>
    /// <param name="displayId">The id a later update of this display names (not saved in the file).</param>
    public DisplayDataOutput(JsonObject data, JsonObject? metadata = null, string? displayId = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        _metadata = metadata ?? new JsonObject();
        DisplayId = displayId;
    }

    /// <inheritdoc />
    public override string OutputType => "display_data";

    /// <summary>MIME type → value. Replaced as a whole when the display is updated.</summary>
    public JsonObject Data => _data;

    /// <summary>Per-output metadata.</summary>
    public JsonObject Metadata => _metadata;

    /// <summary>The id that <see cref="DisplayedValue.Update"/> uses to find this output; a Jupyter kernel sends it as <c>transient.display_id</c>.</summary>
    public string? DisplayId { get; }

    /// <summary>The MIME types present, in order.</summary>
    public IEnumerable<string> MimeTypes => Data.Select(pair => pair.Key);

    /// <summary>The text of one MIME type (lines joined), or null when absent or not text.</summary>
    public string? GetText(string mimeType)
    {
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        return Data.TryGetPropertyValue(mimeType, out var node) ? MimeBundleText.Join(node) : null;
    }

    /// <summary>Replaces the value shown (used when a display is updated: the saved notebook shows the last value).</summary>
    public void Replace(JsonObject data, JsonObject? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        _metadata = metadata ?? new JsonObject();
    }

    /// <inheritdoc />
    public override NotebookOutput Clone() =>
        CopyAdditionalPropertiesTo(new DisplayDataOutput((JsonObject)Data.DeepClone(), (JsonObject)Metadata.DeepClone(), DisplayId));
}
