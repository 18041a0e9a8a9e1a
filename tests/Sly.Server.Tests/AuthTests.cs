using System.Net;
using System.Text.Json.Nodes;
using Sly.Api;

namespace Sly.Server.Tests;

public sealed class AuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_without_or_with_a_wrong_api_key_gets_401_with_a_json_error()
    {
        await using var server = await ServerFixture.StartAsync();
        foreach (var token in new[] { null, "wrong-token" })
        {
            using var http = server.Http(token);
            var response = await http.PostAsync("projects.info", new StringContent("{\"id\":1}", System.Text.Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            Assert.Equal("Unauthorized", (string)body["error"]!);
            Assert.Contains("x-api-key", (string)body["details"]!["message"]!);
        }
    }

    [Fact]
    public async Task The_admin_token_is_made_once_kept_in_the_data_folder_and_written_to_supervisely_env()
    {
        var data = Directory.CreateTempSubdirectory("sly-auth-").FullName;
        string token;
        await using (var first = await ServerFixture.StartAsync(dataDirectory: data))
        {
            token = first.Server.AdminToken;
            var env = await File.ReadAllTextAsync(Path.Combine(data, "supervisely.env"), Ct);
            Assert.Contains("API_TOKEN=" + token, env);
            Assert.Contains("SERVER_ADDRESS=http://127.0.0.1:", env);
            Assert.Equal("admin", (await first.Admin.UsersMeAsync(null, Ct)).Login);
        }
        await using var second = await ServerFixture.StartAsync(dataDirectory: data);
        Assert.Equal(token, second.Server.AdminToken);
    }

    [Fact]
    public async Task Users_get_their_own_tokens_and_only_admins_create_users()
    {
        await using var server = await ServerFixture.StartAsync();
        var created = await server.Admin.SlyUsersAddAsync(new SlyUsersAddRequest { Login = "ann", Role = "annotator" }, Ct);
        var ann = server.Client(created.Token);
        Assert.Equal("ann", (await ann.UsersMeAsync(null, Ct)).Login);

        var error = await Assert.ThrowsAsync<Refit.ApiException>(() => ann.SlyUsersAddAsync(new SlyUsersAddRequest { Login = "bob" }, Ct));
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        var duplicate = await Assert.ThrowsAsync<Refit.ApiException>(() => server.Admin.SlyUsersAddAsync(new SlyUsersAddRequest { Login = "ann" }, Ct));
        Assert.Contains("already exists", duplicate.Content);
    }
}
