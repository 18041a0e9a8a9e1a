using System.Text.Json.Nodes;
using Refit;
using Sly.Api;
using Sly.Interactive.Transport;

namespace Sly.Interactive.Tests;

/// <summary>The generated ISupervisely client, created with RestService.For, against a real loopback listener.</summary>
public sealed class SuperviselyTransportTests
{
    private const string Token = "test-token-0123456789";

    private static ISupervisely Client(LoopbackRecorder server)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Add("x-api-key", Token);
        return RestService.For<ISupervisely>(http);
    }

    [Fact]
    public async Task Projects_info_is_a_post_to_the_public_api_with_the_api_key_and_a_json_body()
    {
        using var server = new LoopbackRecorder(_ => (200, """{"id":7,"name":"parts","embeddingsEnabled":true,"createdAt":"2025-06-01T10:30:45.123Z"}"""));
        var project = await Client(server).ProjectsInfoAsync(new ProjectsInfoRequest { Id = 7 }, TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/public/api/v3/projects.info", request.Path);
        Assert.Equal(Token, request.Headers["x-api-key"]);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal(7, (int)JsonNode.Parse(request.BodyText)!["id"]!);
        Assert.Equal("parts", project.Name);
        Assert.True(project.EmbeddingsEnabled);
    }

    [Fact]
    public async Task Hash_lookup_sends_a_bare_json_array()
    {
        using var server = new LoopbackRecorder(_ => (200, """["aGFzaA=="]"""));
        var known = await Client(server).ImagesInternalHashesListAsync(new[] { "aGFzaA==", "b3RoZXI=" }, TestContext.Current.CancellationToken);

        Assert.Equal("""["aGFzaA==","b3RoZXI="]""", Assert.Single(server.Requests).BodyText);
        Assert.Equal(new[] { "aGFzaA==" }, known);
    }

    [Fact]
    public async Task Bulk_upload_sends_one_multipart_part_per_file_named_as_the_sdk_names_them()
    {
        using var server = new LoopbackRecorder(_ => (200, """[{"hash":"x"},{"hash":"y"}]"""));
        var parts = new[]
        {
            new StreamPart(new MemoryStream(new byte[] { 1, 2, 3 }), "0", "image/png", "0-file"),
            new StreamPart(new MemoryStream(new byte[] { 4, 5 }), "1", "image/jpeg", "1-file"),
        };
        var result = await Client(server).ImagesBulkUploadAsync(parts, TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.StartsWith("multipart/form-data", request.ContentType);
        Assert.Contains("name=0-file", request.BodyText.Replace("\"", ""));
        Assert.Contains("name=1-file", request.BodyText.Replace("\"", ""));
        Assert.Equal(2, result.Count);
    }

    [Fact]
    public async Task An_error_answer_surfaces_as_an_api_exception_with_the_wire_body()
    {
        using var server = new LoopbackRecorder(_ => (404, """{"error":"Not found","details":{"message":"project 99 does not exist"}}"""));
        var error = await Assert.ThrowsAsync<ApiException>(() => Client(server).ProjectsInfoAsync(new ProjectsInfoRequest { Id = 99 }, TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("project 99 does not exist", error.Content);
    }
}
