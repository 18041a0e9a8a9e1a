namespace Sly.Interactive.Tests;

/// <summary>Answers a loopback recorder's requests from a list, one per request, repeating the last.</summary>
internal sealed class LoopbackRecorderScript((int Status, string Body)[] answers)
{
    private int _next;

    public (int Status, string Body) Next(RecordedRequest request)
    {
        var index = Math.Min(Interlocked.Increment(ref _next) - 1, answers.Length - 1);
        return answers[index];
    }
}
