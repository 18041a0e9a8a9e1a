using Refit;
using Sly.Api.Json;
using Sly.Search.Embeddings;
using Sly.Server.Hosting;
using Sly.Interactive.Transport;

namespace Sly.Server.Tests;

/// <summary>A real server on 127.0.0.1 (Kestrel, port 0) over a fresh data folder, and Refit clients for it.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    private readonly bool _ownsData;

    private ServerFixture(RunningServer server, string dataDirectory, bool ownsData)
    {
        _ownsData = ownsData;
        Server = server;
        DataDirectory = dataDirectory;
        Admin = Client(server.AdminToken);
    }

    public RunningServer Server { get; }

    public string DataDirectory { get; }

    public ISupervisely Admin { get; }

    public HttpClient Http(string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(Server.Address, "public/api/v3/") };
        if (token is not null)
            http.DefaultRequestHeaders.Add("x-api-key", token);
        return http;
    }

    public ISupervisely Client(string token)
    {
        var http = new HttpClient { BaseAddress = Server.ApiBase };
        http.DefaultRequestHeaders.Add("x-api-key", token);
        return RestService.For<ISupervisely>(http, new RefitSettings(new SystemTextJsonContentSerializer(SuperviselyJson.Options)));
    }

    public static async Task<ServerFixture> StartAsync(Func<string, IEmbedder>? embedder = null, string? dataDirectory = null, TimeSpan? autoUpdate = null)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("sly-server-test-").FullName;
        var server = await SlyServer.StartAsync(
            new ServerOptions { DataDirectory = data, AutoUpdateInterval = autoUpdate ?? TimeSpan.FromMilliseconds(200), EmbeddingBatchSize = 4 },
            loadEmbedder: embedder ?? (_ => new MeanColorEmbedder()));
        return new ServerFixture(server, data, ownsData: dataDirectory is null);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (!_ownsData)
            return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
