using Polly;

namespace Sly.Interactive.Transport;

/// <summary>Sends every request through a resilience pipeline (the SDK's retries and per-attempt timeout).</summary>
internal sealed class RetryingHandler(ResiliencePipeline<HttpResponseMessage> pipeline, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await pipeline.ExecuteAsync(async token => await base.SendAsync(request, token), cancellationToken);
}
