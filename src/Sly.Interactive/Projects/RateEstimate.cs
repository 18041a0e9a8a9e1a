namespace Sly.Interactive.Projects;

/// <summary>Images per second over the recent polls, and the time left at that rate.</summary>
internal sealed class RateEstimate
{
    private readonly Queue<(TimeSpan At, long Done)> _samples = new();

    public (double? PerSecond, TimeSpan? Remaining) Update(TimeSpan at, long done, long total)
    {
        _samples.Enqueue((at, done));
        while (_samples.Count > 10)
            _samples.Dequeue();
        var (firstAt, firstDone) = _samples.Peek();
        var seconds = (at - firstAt).TotalSeconds;
        if (seconds <= 0 || done <= firstDone)
            return (null, null);
        var perSecond = (done - firstDone) / seconds;
        return (perSecond, total > done ? TimeSpan.FromSeconds((total - done) / perSecond) : TimeSpan.Zero);
    }
}
