using System.Text.Json.Nodes;

namespace Sly.Notebooks;

/// <summary>The value of a cell's trailing expression (nbformat <c>execute_result</c>).</summary>
public sealed class ExecuteResultOutput : DisplayDataOutput
{
    /// <summary>Creates an execute result.</summary>
    /// <param name="data">MIME type → value.</param>
    /// <param name="executionCount">The execution count of the cell that produced it.</param>
    /// <param name="metadata">Per-output metadata; empty when null.</param>
    public ExecuteResultOutput(JsonObject data, int? executionCount, JsonObject? metadata = null)
        : base(data, metadata)
    {
        ExecutionCount = executionCount;
    }

    /// <inheritdoc />
    public override string OutputType => "execute_result";

    /// <summary>The execution count of the cell that produced the value.</summary>
    public int? ExecutionCount { get; }

    /// <inheritdoc />
    public override NotebookOutput Clone() =>
        CopyAdditionalPropertiesTo(new ExecuteResultOutput((JsonObject)Data.DeepClone(), ExecutionCount, (JsonObject)Metadata.DeepClone()));
}
