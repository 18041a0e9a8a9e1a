using System.Text.Json.Nodes;

namespace Sly.Notebooks;

/// <summary>
/// One output of a code cell, as nbformat 4 stores it: a <see cref="StreamOutput"/>, a <see cref="DisplayDataOutput"/>,
/// an <see cref="ExecuteResultOutput"/> or an <see cref="ErrorOutput"/>.
/// </summary>
public abstract class NotebookOutput
{
    /// <summary>The nbformat <c>output_type</c>: <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or <c>error</c>.</summary>
    public abstract string OutputType { get; }

    /// <summary>Fields of the output that this model does not name, kept verbatim for the round trip.</summary>
    public JsonObject AdditionalProperties { get; } = new();

    /// <summary>A deep copy of this output.</summary>
    public abstract NotebookOutput Clone();

    /// <summary>Copies the unknown fields into a clone.</summary>
    protected T CopyAdditionalPropertiesTo<T>(T clone) where T : NotebookOutput
    {
        foreach (var (key, value) in AdditionalProperties)
            clone.AdditionalProperties[key] = value?.DeepClone();
        return clone;
    }
}
