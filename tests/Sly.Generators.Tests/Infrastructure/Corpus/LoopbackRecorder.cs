using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Sly.Generators.Tests.Infrastructure.Corpus;

/// <summary>One request as it arrived: method, path and query as sent, and the body's text.</summary>
internal sealed record RecordedRequest(string Method, string RawUrl, string Body);

/// <summary>A real HTTP server on 127.0.0.1 (HttpListener) that records every request and answers 200 with {}.</summary>
internal sealed class LoopbackRecorder : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _loop;

    public LoopbackRecorder()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public string BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using (var reader = new StreamReader(context.Request.InputStream))
                _requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "", await reader.ReadToEndAsync()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            var body = "{}"u8.ToArray();
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
