using Sly.Benchmarks.Search;

namespace Sly.Benchmarks.Server;

/// <summary>The options of <c>server-load</c>; every phase is bounded by them.</summary>
public sealed record ServerLoadOptions
{
    public const string Usage = "server-load [--clients 16] [--seconds 20] [--images 100000] [--warmup-seconds 3] [--max-requests N]";

    public int Clients { get; init; } = 16;

    public double Seconds { get; init; } = 20;

    public int Images { get; init; } = 100_000;

    public double WarmupSeconds { get; init; } = 3;

    /// <summary>Measured requests across all clients; the run ends at this count or at the time limit, whichever comes first.</summary>
    public long MaxRequests { get; init; } = long.MaxValue;

    /// <exception cref="ArgumentException">An option is unknown or out of range (the message names it and the range).</exception>
    public static ServerLoadOptions Parse(string[] args)
    {
        var options = CommandOptions.Parse(args, "clients", "seconds", "images", "warmup-seconds", "max-requests");
        var defaults = new ServerLoadOptions();
        return new ServerLoadOptions
        {
            Clients = options.Integer("clients", defaults.Clients, min: 1, max: 1024),
            Seconds = options.Number("seconds", defaults.Seconds, min: 0.1, max: 3600),
            Images = options.Integer("images", defaults.Images, min: 1, max: SearchBenchmarkData.MaxRows),
            WarmupSeconds = options.Number("warmup-seconds", defaults.WarmupSeconds, min: 0, max: 600),
            MaxRequests = options.Long("max-requests", defaults.MaxRequests, min: 1),
        };
    }
}
