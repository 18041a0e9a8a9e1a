namespace Sly.Benchmarks.Server;

/// <summary>What the clients measured after the warm-up: each successful request's latency, the failures, the window.</summary>
public sealed record SearchLoadResult(IReadOnlyList<double> LatenciesMs, long Errors, string? FirstError, TimeSpan Window, TimeSpan ProcessCpu)
{
    public double RequestsPerSecond => LatenciesMs.Count / Window.TotalSeconds;
}
