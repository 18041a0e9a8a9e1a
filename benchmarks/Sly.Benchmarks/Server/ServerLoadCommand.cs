using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Sly.Benchmarks.Search;
using Sly.Server.Hosting;

namespace Sly.Benchmarks.Server;

/// <summary>
/// <c>server-load</c>: the embedded server in this process on 127.0.0.1, a project of synthetic CLIP-like vectors
/// uploaded and embedded through the real API, then concurrent text searches against it; prints latency
/// percentiles, throughput and errors against the issue's target (p99 &lt; 50 ms), and where a request's time goes.
/// </summary>
public static class ServerLoadCommand
{
    public const string Name = "server-load";
    public const string Summary = "concurrent embeddings.send-ai-search against the in-process server (p99 target 50 ms)";
    private const double TargetP99Ms = 50;
    private const int SetupEmbeddingBatch = 1024;

    public static int Run(string[] args)
    {
        ServerLoadOptions options;
        try
        {
            options = ServerLoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: " + ServerLoadOptions.Usage);
            return 2;
        }
        return RunAsync(options, Console.Out).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(ServerLoadOptions options, TextWriter log)
    {
        log.WriteLine($"server-load: {options.Images} images, {options.Clients} clients, {options.WarmupSeconds} s warm-up + {options.Seconds} s" +
            (options.MaxRequests < long.MaxValue ? $" or {options.MaxRequests} requests" : ""));
        log.WriteLine($"machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; the clients and the server run in this one process and share these cores");
        log.WriteLine("load average before: " + LoadAverage());

        var clock = Stopwatch.StartNew();
        var rows = SearchBenchmarkData.LoadRows(options.Images);
        var queries = SearchBenchmarkData.LoadQueries();
        log.WriteLine($"setup:\n  benchmark vectors loaded: {clock.Elapsed.TotalSeconds:F1} s");

        var data = Directory.CreateTempSubdirectory("sly-server-load-").FullName;
        try
        {
            clock.Restart();
            // The model folder is never read: the loader ignores it and returns the benchmark embedder. Embedding jobs
            // take big batches: the job looks the project up (an O(images) query) once per batch, which at the default
            // 32 makes the setup of 100k images minutes longer; searches do not depend on it.
            await using var server = await SlyServer.StartAsync(
                new ServerOptions { DataDirectory = data, Urls = "http://127.0.0.1:0", ModelDirectory = data, EmbeddingBatchSize = SetupEmbeddingBatch },
                loadEmbedder: _ => new BenchmarkRowEmbedder(rows, queries));
            if (!server.Address.IsLoopback)
                throw new InvalidOperationException($"The server listens on {server.Address}, not a loopback address");
            log.WriteLine($"  server started on {server.Address}: {clock.Elapsed.TotalSeconds:F1} s");

            var admin = ServerClients.Refit(server.ApiBase, server.AdminToken);
            var embeddingTimeout = TimeSpan.FromSeconds(Math.Max(120, options.Images / 100.0));
            var project = await new LoadTestProjectBuilder(admin, log).BuildAsync(options.Images, options.Clients, embeddingTimeout, CancellationToken.None);

            log.WriteLine("load: each request is embeddings.send-ai-search {prompt \"query q\", limit " + SearchLoadGenerator.Limit + "}: the server checks the API key " +
                "(SQLite), embeds the prompt (here a table lookup, not CLIP), scans the exact index (concurrent requests share passes), and replaces the user's AI-search " +
                "collection with the hits (SQLite write: delete the old collection, insert it and its items) — so every search is also a write.");
            var result = await new SearchLoadGenerator(server.ApiBase, project, options).RunAsync();
            Print(result, options, log);

            log.WriteLine("where the time goes (in-process, the server's own services, after the load):");
            await new SearchCostProbe(server, project, rows, queries, log).RunAsync(options.Clients);
            log.WriteLine("load average after: " + LoadAverage());
            return result.Errors == 0 ? 0 : 1;
        }
        finally
        {
            TryDelete(data);
        }
    }

    private static void Print(SearchLoadResult result, ServerLoadOptions options, TextWriter log)
    {
        var latency = LatencySummary.Of(result.LatenciesMs);
        var cpuShare = result.ProcessCpu.TotalSeconds / (result.Window.TotalSeconds * Environment.ProcessorCount);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            results ({options.Clients} clients, {result.Window.TotalSeconds:F1} s measured):
              latency     {latency}
              throughput  {result.RequestsPerSecond:F1} requests/s, {result.Errors} errors{(result.FirstError is { } e ? " (first: " + Shorten(e) + ")" : "")}
              process CPU {result.ProcessCpu.TotalSeconds:F1} s = {cpuShare:P0} of {Environment.ProcessorCount} cores (clients + server); thread pool {ThreadPool.ThreadCount} threads
              target      p99 < {TargetP99Ms} ms: {(latency.P99 < TargetP99Ms ? "MET" : "MISSED")} (p99 {latency.P99:F1} ms)
            """));
    }

    /// <summary>Other processes' load skews a run on few cores; /proc/loadavg says how busy the machine was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + " (1, 5, 15 min)" : "unknown";

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Could not delete {directory}: {ex.Message}");
        }
    }
}
