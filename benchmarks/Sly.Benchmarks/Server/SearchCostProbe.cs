using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Sly.Api.Json;
using Sly.Benchmarks.Search;
using Sly.Search.VectorIndex;
using Sly.Server.Auth;
using Sly.Server.Embeddings;
using Sly.Server.Hosting;
using Sly.Server.Storage;

namespace Sly.Benchmarks.Server;

/// <summary>
/// Where a search request's time goes: the steps of AiSearchService's similar search called directly on the running
/// server's own services — API-key check, project lookup, index scan, result-collection write — first one at a time
/// (the cost of the step), then from as many threads as there are load clients (the cost under the load's
/// contention), next to the whole request over HTTP from one client. Concurrent scans go through a
/// <see cref="CoalescingSearcher"/> as the server's do; the raw scan of 16 queries in one pass and a half-precision
/// index are shown beside them.
/// </summary>
public sealed class SearchCostProbe(RunningServer server, LoadTestProject project, float[] rows, float[] queries, TextWriter log)
{
    private const int MaxRepetitions = 100;
    private static readonly TimeSpan StepBudget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ConcurrentDuration = TimeSpan.FromSeconds(3);

    public async Task RunAsync(int threads)
    {
        var services = server.Services;
        var authenticator = services.GetRequiredService<ApiKeyAuthenticator>();
        var projects = services.GetRequiredService<ProjectStore>();
        var collections = services.GetRequiredService<CollectionStore>();
        var index = services.GetRequiredService<ProjectIndexes>().Get(project.ProjectId)
            ?? throw new InvalidOperationException("The project has no index");
        var items = index.Search(Queries(0, 1), 1, SearchLoadGenerator.Limit)[0].Select(h => (h.Id, (float?)h.Score)).ToList();
        var half = HalfPrecisionIndex(index.Count);
        var batch = Queries(0, threads);

        void Auth(int worker, int n) => authenticator.Authenticate(project.Users[worker % project.Users.Count].Token);
        void Project(int worker, int n) => projects.RequireState(project.ProjectId);
        void Scan(int worker, int n) => index.Search(Queries(n, 1), 1, SearchLoadGenerator.Limit);
        var searcher = new CoalescingSearcher(index);
        void Coalesced(int worker, int n) => searcher.SearchAsync(Queries(n, 1), 1, SearchLoadGenerator.Limit).GetAwaiter().GetResult();
        void Write(int worker, int n)
        {
            var key = "probe-" + worker.ToString(CultureInfo.InvariantCulture);
            collections.ReplaceAiSearchAsync(project.ProjectId, key, "AI Search Collection: " + key, items, project.Users[worker % project.Users.Count].Id).GetAwaiter().GetResult();
        }

        log.WriteLine($"  one step at a time (up to {MaxRepetitions} calls or {StepBudget.TotalSeconds:F0} s each):");
        Line("API-key check (SQLite read)", Sequential(Auth));
        Line("project lookup (ProjectStore.RequireState: type and embeddings flags by primary key)", Sequential(Project));
        Line($"index scan, 1 query ({index.Count} × {index.Dimension} float32, top {SearchLoadGenerator.Limit})", Sequential(Scan));
        Line("collection write (delete old + insert collection and its items, 1 transaction)", Sequential(Write));
        Line("whole request over HTTP, 1 client, no other load", await WholeRequestsAsync());
        log.WriteLine("  other ways to scan:");
        Line($"index scan, {threads} queries in one pass (per pass)", Sequential((_, _) => index.Search(batch, threads, SearchLoadGenerator.Limit)));
        Line("index scan, 1 query, Float16WithRescore index", Sequential((_, n) => half.Search(Queries(n, 1), 1, SearchLoadGenerator.Limit)));
        Line($"index scan, {threads} queries in one pass, Float16WithRescore (per pass)", Sequential((_, _) => half.Search(batch, threads, SearchLoadGenerator.Limit)));
        log.WriteLine($"  each step from {threads} threads at once ({ConcurrentDuration.TotalSeconds:F0} s each):");
        Line("API-key check", Concurrent(threads, Auth));
        Line("project lookup", Concurrent(threads, Project));
        Line("index scan, 1 query, each its own pass", Concurrent(threads, Scan));
        Line("index scan, 1 query, through CoalescingSearcher (as the server searches)", Concurrent(threads, Coalesced));
        Line("collection write", Concurrent(threads, Write));
    }

    private void Line(string step, string figures) => log.WriteLine($"    {step}\n        {figures}");

    /// <summary>Queries n, n+1, … (wrapping) as one row-major block.</summary>
    private float[] Queries(int first, int count)
    {
        const int d = SearchBenchmarkData.Dimension;
        var block = new float[count * d];
        for (var q = 0; q < count; q++)
            queries.AsSpan((first + q) % SearchBenchmarkData.QueryCount * d, d).CopyTo(block.AsSpan(q * d));
        return block;
    }

    private ExactVectorIndex HalfPrecisionIndex(int count)
    {
        var half = new ExactVectorIndex(SearchBenchmarkData.Dimension, VectorStorage.Float16WithRescore, count);
        var ids = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        half.UpsertBatch(ids, new long[count], rows.AsSpan(0, count * SearchBenchmarkData.Dimension));
        return half;
    }

    private static string Sequential(Action<int, int> step)
    {
        var milliseconds = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < MaxRepetitions && (n < 5 || clock.Elapsed < StepBudget); n++)
        {
            var started = Stopwatch.GetTimestamp();
            step(0, n);
            milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return LatencySummary.Of(milliseconds).ToString();
    }

    /// <summary>The step in a loop on dedicated threads (not the pool, so all of them really run at once).</summary>
    private static string Concurrent(int threads, Action<int, int> step)
    {
        var perThread = Enumerable.Range(0, threads).Select(_ => new List<double>()).ToArray();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(worker => new Thread(() =>
        {
            for (var n = worker; clock.Elapsed < ConcurrentDuration; n++)
            {
                var started = Stopwatch.GetTimestamp();
                step(worker, n);
                perThread[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        var summary = LatencySummary.Of(perThread.SelectMany(t => t));
        return string.Create(CultureInfo.InvariantCulture, $"{summary}, {summary.Count / clock.Elapsed.TotalSeconds:F0} calls/s");
    }

    private async Task<string> WholeRequestsAsync()
    {
        using var http = ServerClients.Http(server.ApiBase, project.Users[0].Token);
        var milliseconds = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < MaxRepetitions && (n < 5 || clock.Elapsed < StepBudget); n++)
        {
            var request = SearchLoadGenerator.Request(project.ProjectId, n % SearchBenchmarkData.QueryCount);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("embeddings.send-ai-search", request, SuperviselyJson.Options);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return LatencySummary.Of(milliseconds).ToString();
    }
}
