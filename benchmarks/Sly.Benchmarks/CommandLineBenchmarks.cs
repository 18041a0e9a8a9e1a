namespace Sly.Benchmarks;

/// <summary>
/// Measurements that do not fit BenchmarkDotNet's repeat-and-average model (a load generator, a peak-memory run) are
/// commands of the benchmark program: <c>dotnet run -c Release --project benchmarks/Sly.Benchmarks -- NAME [options]</c>.
/// </summary>
public static class CommandLineBenchmarks
{
    private static readonly Dictionary<string, (string Summary, Func<string[], int> Run)> Commands = new(StringComparer.Ordinal)
    {
    };

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            if (args.Length > 0 && args[0] == "commands")
            {
                foreach (var (name, (summary, _)) in Commands)
                    Console.WriteLine($"{name,-16} {summary}");
                return true;
            }
            return false;
        }
        exitCode = command.Run(args[1..]);
        return true;
    }
}
