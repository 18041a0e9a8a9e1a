namespace Sly.Server.Hosting;

/// <summary>A started server: where it listens, the admin token, its data folder and its services.</summary>
public sealed class RunningServer(WebApplication app, Uri address, string adminToken, string dataDirectory) : IAsyncDisposable
{
    /// <summary>The server address as SERVER_ADDRESS wants it (scheme, host, port).</summary>
    public Uri Address { get; } = address;

    /// <summary>The API base: {Address}/public/api/v3.</summary>
    public Uri ApiBase { get; } = new(address, "public/api/v3");

    public string AdminToken { get; } = adminToken;

    public string DataDirectory { get; } = dataDirectory;

    public IServiceProvider Services => app.Services;

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
