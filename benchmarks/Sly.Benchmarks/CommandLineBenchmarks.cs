namespace Sly.Benchmarks;

/// <summary>
/// Measurements that do not fit BenchmarkDotNet's repeat-and-average model (a load generator, a peak-memory run) are
/// commands of the benchmark program: <c>dotnet run -c Release --project benchmarks/Sly.Benchmarks -- NAME [options]</c>.
/// </summary>
public static class CommandLineBenchmarks
{
    private static readonly Dictionary<string, (string Summary, Func<string[], int> Run)> Commands = new(StringComparer.Ordinal)
    {
        [Server.ServerLoadCommand.Name] = (Server.ServerLoadCommand.Summary, Server.ServerLoadCommand.Run),
        ["embed-memory"] = (Embeddings.EmbeddingMemoryRun.Summary, Embeddings.EmbeddingMemoryRun.Run),
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
        try
        {
            exitCode = command.Run(args[1..]);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{args[0]}: {e.Message}");
            exitCode = 2;
        }
        return true;
    }
}
