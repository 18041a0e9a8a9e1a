using System.Net;
using Sly.Interactive.Client;

namespace Sly.Interactive.Tests;

/// <summary>Settings, retries and errors of SlyApi against a real loopback listener.</summary>
public sealed class SlyApiClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SlyApi Connect(LoopbackRecorder server, int attempts = 4) =>
        SlyApi.Create(new SlyConnection(new Uri($"http://127.0.0.1:{server.Port}"), "tok") { RetryAttempts = attempts, RetrySleep = TimeSpan.FromMilliseconds(5) });

    [Fact]
    public async Task Server_errors_are_retried_like_the_sdk_and_then_succeed()
    {
        var script = new LoopbackRecorderScript([(503, "{}"), (500, "{}"), (200, """{"id":3,"name":"p"}""")]);
        using var server = new LoopbackRecorder(script.Next);
        using var api = Connect(server);
        var project = await api.Project.GetInfoByIdAsync(3, Ct);
        Assert.Equal("p", project!.Name);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("/public/api/v3/projects.info", r.Path));
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_carries_error_and_message()
    {
        using var server = new LoopbackRecorder(_ => (400, """{"error":"Bad request","details":{"message":"'limit' must be between 1 and 10000, got 0"}}"""));
        using var api = Connect(server);
        var error = await Assert.ThrowsAsync<SlyApiException>(() => api.Project.CalculateEmbeddingsAsync(1, Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "Bad request"), (error.Status, error.Error));
        Assert.Equal("'limit' must be between 1 and 10000, got 0", error.DetailsMessage);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Info_of_a_missing_entity_is_null_and_retries_give_up_after_the_attempts()
    {
        using var notFound = new LoopbackRecorder(_ => (404, """{"error":"Not found","details":{"message":"Project 9 does not exist"}}"""));
        using (var api = Connect(notFound))
            Assert.Null(await api.Project.GetInfoByIdAsync(9, Ct));

        using var down = new LoopbackRecorder(_ => (503, "{}"));
        using var failing = Connect(down, attempts: 3);
        var error = await Assert.ThrowsAsync<SlyApiException>(() => failing.Project.CalculateEmbeddingsAsync(1, Ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.Equal(3, down.Requests.Count);
    }

    [Fact]
    public async Task Ai_search_arguments_are_checked_before_any_request()
    {
        using var server = new LoopbackRecorder(_ => (200, "{}"));
        using var api = Connect(server);
        await Assert.ThrowsAsync<ArgumentException>(() => api.Project.PerformAiSearchAsync(1, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => api.Project.PerformAiSearchAsync(1, prompt: "a", method: "random", cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => api.Project.PerformAiSearchAsync(1, method: "edges", cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => api.Project.PerformAiSearchAsync(1, method: "random", clusteringMethod: "hdbscan", cancellationToken: Ct));
        var clusters = await Assert.ThrowsAsync<ArgumentException>(() => api.Project.PerformAiSearchAsync(1, method: "random", clusteringMethod: "dbscan", numClusters: 3, cancellationToken: Ct));
        Assert.Equal("Number of clusters is only applicable for 'kmeans' clustering method. (Parameter 'numClusters')", clusters.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => api.Project.PerformAiSearchAsync(1, prompt: "a", limit: 0, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => api.Project.PerformAiSearchAsync(1, prompt: "a", threshold: 2, cancellationToken: Ct));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Settings_come_from_the_environment_then_from_supervisely_env_files()
    {
        var env = new Dictionary<string, string?> { ["SERVER_ADDRESS"] = "app.example:8080/", ["API_TOKEN"] = "t1", ["SUPERVISELY_PUBLIC_API_RETRIES"] = "3" };
        var fromEnvironment = SlyEnvironment.Resolve(env, []);
        Assert.Equal(("http://app.example:8080/", "t1", 3), (fromEnvironment.ServerAddress.ToString(), fromEnvironment.Token, fromEnvironment.RetryAttempts));
        Assert.Equal("http://app.example:8080/public/api/v3", fromEnvironment.ApiBase.ToString());

        var file = Path.GetTempFileName();
        File.WriteAllText(file, "# local server\nSERVER_ADDRESS=\"http://127.0.0.1:8330\"\nexport API_TOKEN=abc\n");
        var fromFile = SlyEnvironment.Resolve(new Dictionary<string, string?>(), ["/nonexistent/supervisely.env", file]);
        Assert.Equal(("http://127.0.0.1:8330/", "abc"), (fromFile.ServerAddress.ToString(), fromFile.Token));

        var missing = Assert.Throws<InvalidOperationException>(() => SlyEnvironment.Resolve(new Dictionary<string, string?> { ["SERVER_ADDRESS"] = "x" }, []));
        Assert.Contains("API_TOKEN is not set", missing.Message);
        Assert.Contains("~/supervisely.env", missing.Message);
        File.Delete(file);
    }
}
