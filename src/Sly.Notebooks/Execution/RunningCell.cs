using System.Text.Json.Nodes;

namespace Sly.Notebooks.Execution;

/// <summary>
/// The outputs of one execution while (and after) it runs: merges consecutive writes to a stream, adds displays,
/// replaces updated displays, and tells the session's listeners about each change.
/// </summary>
internal sealed class RunningCell
{
    private readonly NotebookSession _session;

    public RunningCell(NotebookSession session, List<NotebookOutput> outputs, int executionCount)
    {
        _session = session;
        Outputs = outputs;
        ExecutionCount = executionCount;
    }

    /// <summary>The cell's outputs; locked while changed.</summary>
    public List<NotebookOutput> Outputs { get; }

    public int ExecutionCount { get; }

    public void WriteStream(string name, string text)
    {
        StreamOutput stream;
        lock (Outputs)
        {
            if (Outputs.Count > 0 && Outputs[^1] is StreamOutput last && last.Name == name)
            {
                stream = last;
                stream.Append(text);
            }
            else
            {
                stream = new StreamOutput(name, text);
                Outputs.Add(stream);
            }
        }
        _session.Publish(new NotebookOutputEventArgs(ExecutionCount, OutputEventKind.StreamText, stream, text));
    }

    public DisplayDataOutput Display(JsonObject data, string displayId)
    {
        var output = new DisplayDataOutput(data, displayId: displayId);
        Add(output, OutputEventKind.DisplayData);
        return output;
    }

    public void UpdateDisplay(DisplayDataOutput output, JsonObject data)
    {
        output.Replace(data);
        _session.Publish(new NotebookOutputEventArgs(ExecutionCount, OutputEventKind.DisplayUpdate, output, null));
    }

    public void Result(JsonObject data) => Add(new ExecuteResultOutput(data, ExecutionCount), OutputEventKind.ExecuteResult);

    public void Error(ErrorOutput error) => Add(error, OutputEventKind.Error);

    private void Add(NotebookOutput output, OutputEventKind kind)
    {
        lock (Outputs)
            Outputs.Add(output);
        _session.Publish(new NotebookOutputEventArgs(ExecutionCount, kind, output, null));
    }
}
