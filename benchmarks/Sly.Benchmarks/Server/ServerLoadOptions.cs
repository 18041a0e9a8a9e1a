using System.Globalization;
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

    /// <summary>The options, or null with the reason in <paramref name="error"/>.</summary>
    public static ServerLoadOptions? Parse(string[] args, out string? error)
    {
        var options = new ServerLoadOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var (name, value) = (args[i], args[i + 1]);
            var number = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN;
            ServerLoadOptions? next = name switch
            {
                "--clients" when number is >= 1 and <= 1024 => options with { Clients = (int)number },
                "--seconds" when number is > 0 and <= 3600 => options with { Seconds = number },
                "--images" when number is >= 1 and <= SearchBenchmarkData.MaxRows => options with { Images = (int)number },
                "--warmup-seconds" when number is >= 0 and <= 600 => options with { WarmupSeconds = number },
                "--max-requests" when number >= 1 => options with { MaxRequests = (long)number },
                _ => null,
            };
            if (next is null)
            {
                error = $"{name} {value}: unknown option or value out of range";
                return null;
            }
            options = next;
        }
        error = args.Length % 2 == 1 ? $"{args[^1]} needs a value" : null;
        return error is null ? options : null;
    }
}
