using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Sly.Server.Tests;

/// <summary>Bad input gets a 4xx whose message names the field and what is allowed; unknown ids answer 404.</summary>
public sealed class ValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, int, string> Cases => new()
    {
        { "projects.info", "{\"id\":", 400, "not valid JSON" },
        { "projects.info", "{\"id\":\"seven\"}", 400, "'id' must be an integer" },
        { "projects.info", "{}", 400, "'id' is required" },
        { "projects.info", "", 400, "request body is empty" },
        { "projects.info", "{\"id\":424242}", 404, "Project 424242 does not exist" },
        { "datasets.info", "{\"id\":424242}", 404, "Dataset 424242 does not exist" },
        { "images.info", "{\"id\":424242}", 404, "Image 424242 does not exist" },
        { "entities-collections.info", "{\"id\":424242}", 404, "Entities collection 424242 does not exist" },
        { "jobs.info", "{\"id\":424242}", 404, "Labeling job 424242 does not exist" },
        { "no.such.method", "{}", 404, "Unknown API method 'no.such.method'" },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":10,\"imageIds\":[true]}", 400, "'imageIds[0]' must be an integer" },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":10,\"prompt\":\"x\",\"threshold\":true}", 400, "'threshold' must be a number" },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":10,\"imageIds\":[1.5]}", 400, "'imageIds[0]' must be an integer" },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":10}", 400, "Must provide exactly one of 'prompt', 'method', or 'image_id' parameters. They are mutually exclusive." },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":10,\"prompt\":\"x\",\"method\":\"random\"}", 400, "Must provide exactly one of 'prompt', 'method', or 'image_id' parameters." },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":10,\"method\":\"edges\"}", 400, "Method must be either 'centroids' or 'random'." },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":10,\"method\":\"random\",\"clusteringMethod\":\"hdbscan\"}", 400, "Clustering method must be either 'kmeans' or 'dbscan'." },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":10,\"method\":\"random\",\"numberOfClusters\":4}", 400, "Number of clusters is only applicable for 'kmeans' clustering method." },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":0,\"prompt\":\"x\"}", 400, "'limit' must be between 1 and 10000, got 0" },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":10001,\"prompt\":\"x\"}", 400, "'limit' must be between 1 and 10000, got 10001" },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":5,\"prompt\":\" , \"}", 400, "'prompt' has no text" },
        { "embeddings.send-ai-search", "{\"projectId\":1,\"limit\":5,\"prompt\":\"x\",\"threshold\":1.5}", 400, "'threshold' must be a cosine similarity between -1 and 1" },
        { "images.list", "{\"projectId\":1,\"filter\":[{\"field\":\"secret\",\"operator\":\"=\",\"value\":1}]}", 400, "filter[0].field 'secret' cannot be filtered on" },
        { "images.list", "{\"projectId\":1,\"filter\":[{\"field\":\"id\",\"operator\":\"~\",\"value\":1}]}", 400, "filter[0].operator '~' is not one of" },
        { "images.list", "{\"projectId\":1,\"per_page\":0}", 400, "'per_page' must be between 1 and 20000" },
        { "images.list", "{\"projectId\":1,\"sort\":\"size\"}", 400, "'sort' must be one of" },
        { "projects.add", "{\"name\":\"\",\"workspaceId\":1}", 400, "'name' must be a non-empty project name" },
        { "projects.add", "{\"name\":\"p\",\"workspaceId\":77}", 404, "Workspace 77 does not exist" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_answered_with_a_message_that_names_the_field(string method, string body, int status, string message)
    {
        await using var server = await ServerFixture.StartAsync();
        await ServerScenarios.ProjectAsync(server.Admin, "p", Ct);
        using var http = server.Http(server.Server.AdminToken);
        var response = await http.PostAsync(method, new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == (int)response.StatusCode, text);
        var json = JsonNode.Parse(text)!;
        Assert.False(string.IsNullOrEmpty((string?)json["error"]));
        Assert.Contains(message, (string)json["details"]!["message"]!);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        await using var server = await ServerFixture.StartAsync();
        using var http = server.Http(server.Server.AdminToken);
        var huge = "{\"id\":1,\"pad\":\"" + new string('x', 17 * 1024 * 1024) + "\"}";
        var response = await http.PostAsync("projects.info", new StringContent(huge, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public async Task A_jpeg_reducing_gap_below_1_is_refused_at_start_with_its_name(double gap)
    {
        var data = Directory.CreateTempSubdirectory("sly-server-gap-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
                Sly.Server.Hosting.SlyServer.StartAsync(new Sly.Server.Hosting.ServerOptions { DataDirectory = data, JpegReducingGap = gap }, Ct));
            Assert.Contains("JpegReducingGap must be null (exact decoding) or a finite number ≥ 1", error.Message);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
