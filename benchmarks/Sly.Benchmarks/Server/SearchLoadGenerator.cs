using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Sly.Api;
using Sly.Api.Json;
using Sly.Benchmarks.Search;

namespace Sly.Benchmarks.Server;

/// <summary>
/// Closed-loop clients: each sends embeddings.send-ai-search (a text prompt, limit 100) as its own user on its own
/// connection, the next as soon as the last is answered, round robin over the benchmark queries. Latency is from
/// sending the request to having read the whole answer; requests sent during the warm-up are not counted.
/// </summary>
public sealed class SearchLoadGenerator(Uri apiBase, LoadTestProject project, ServerLoadOptions options)
{
    public const int Limit = 100;
    private static readonly byte[] SuccessMarker = "\"collectionId\""u8.ToArray();
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static EmbeddingsSendAiSearchRequest Request(long projectId, int query) =>
        new() { ProjectId = projectId, Prompt = BenchmarkRowEmbedder.Prompt(query), Limit = Limit };

    public async Task<SearchLoadResult> RunAsync()
    {
        var payloads = Enumerable.Range(0, SearchBenchmarkData.QueryCount)
            .Select(q => JsonSerializer.SerializeToUtf8Bytes(Request(project.ProjectId, q), SuperviselyJson.Options)).ToArray();
        var clock = Stopwatch.StartNew();
        var measureFrom = TimeSpan.FromSeconds(options.WarmupSeconds);
        var stopAt = measureFrom + TimeSpan.FromSeconds(options.Seconds);
        var counter = new RequestCounter(options.MaxRequests);
        var cpuAtMeasureStart = Task.Delay(measureFrom).ContinueWith(_ => ProcessCpu(), TaskScheduler.Default);
        var clients = Enumerable.Range(0, options.Clients)
            .Select(c => Task.Run(() => ClientAsync(c, payloads, clock, measureFrom, stopAt, counter)))
            .ToArray();
        var results = await Task.WhenAll(clients);
        var window = clock.Elapsed - measureFrom;
        var cpu = ProcessCpu() - await cpuAtMeasureStart;
        return new SearchLoadResult(
            results.SelectMany(r => r.Latencies).ToList(), results.Sum(r => r.Errors), results.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
            window, cpu);
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private async Task<ClientResult> ClientAsync(int client, byte[][] payloads, Stopwatch clock, TimeSpan measureFrom, TimeSpan stopAt, RequestCounter counter)
    {
        var result = new ClientResult();
        using var http = ServerClients.Http(apiBase, project.Users[client % project.Users.Count].Token);
        for (var n = client; clock.Elapsed < stopAt; n++)
        {
            var measured = clock.Elapsed >= measureFrom;
            if (measured && !counter.TryTake())
                break;
            var started = Stopwatch.GetTimestamp();
            var error = await SearchAsync(http, payloads[n % payloads.Length]);
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!measured)
                continue;
            if (error is null)
            {
                result.Latencies.Add(milliseconds);
                continue;
            }
            result.Errors++;
            result.FirstError ??= error;
        }
        return result;
    }

    /// <summary>Null on success, else what went wrong.</summary>
    private static async Task<string?> SearchAsync(HttpClient http, byte[] payload)
    {
        try
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = Json;
            using var response = await http.PostAsync("embeddings.send-ai-search", content);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.IsSuccessStatusCode && body.AsSpan().IndexOf(SuccessMarker) >= 0)
                return null;
            return $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    private sealed class ClientResult
    {
        public List<double> Latencies { get; } = [];

        public long Errors { get; set; }

        public string? FirstError { get; set; }
    }

    /// <summary>The --max-requests budget, shared by the clients.</summary>
    private sealed class RequestCounter(long max)
    {
        private long _taken;

        public bool TryTake() => Interlocked.Increment(ref _taken) <= max;
    }
}
