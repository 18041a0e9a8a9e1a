using System.Net;
using Refit;
using Sly.Api.Json;
using Sly.Interactive.Transport;

namespace Sly.Benchmarks.Server;

/// <summary>HTTP clients for the in-process server, as the tests make them; loopback addresses only.</summary>
public static class ServerClients
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The generated Refit client of the contract, for the setup.</summary>
    public static ISupervisely Refit(Uri apiBase, string token) =>
        RestService.For<ISupervisely>(Http(apiBase, token), new RefitSettings(new SystemTextJsonContentSerializer(SuperviselyJson.Options)));

    /// <summary>A plain client on one keep-alive connection, based at {api}/ so that a method name is a relative URI.</summary>
    public static HttpClient Http(Uri apiBase, string token)
    {
        if (!apiBase.IsLoopback)
            throw new InvalidOperationException($"The load test talks to loopback addresses only, not {apiBase}");
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        var http = new HttpClient(handler) { BaseAddress = new Uri(apiBase.AbsoluteUri.TrimEnd('/') + "/"), Timeout = RequestTimeout, DefaultRequestVersion = HttpVersion.Version11 };
        http.DefaultRequestHeaders.Add("x-api-key", token);
        return http;
    }
}
