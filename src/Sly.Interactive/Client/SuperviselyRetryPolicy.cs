using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Sly.Interactive.Client;

/// <summary>
/// The Python SDK's retry policy: up to SUPERVISELY_PUBLIC_API_RETRIES attempts (10), sleeping
/// min(SUPERVISELY_PUBLIC_API_RETRY_SLEEP_SEC × 2^attempt, 60) seconds, longer when the server sends Retry-After;
/// retried are connection errors, timed-out attempts and 408, 429, 499, 500, 502, 503, 504, 509, 598, 599.
/// Built on Polly.Core alone: Microsoft.Extensions.Http.Resilience needs Microsoft.Extensions.ObjectPool 10, which
/// notebook hosts such as dotnet-repl carry in an older version, so the kit failed on its first call there.
/// </summary>
public static class SuperviselyRetryPolicy
{
    /// <summary>The HTTP statuses retried.</summary>
    public static readonly IReadOnlySet<int> RetriedStatuses = new HashSet<int> { 408, 429, 499, 500, 502, 503, 504, 509, 598, 599 };

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    /// <summary>Retries for <paramref name="attempts"/> attempts starting at <paramref name="sleep"/>, each attempt limited to <paramref name="attemptTimeout"/>.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(int attempts, TimeSpan sleep, TimeSpan attemptTimeout)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (attempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = sleep,
                MaxDelay = MaxDelay,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Exception: TaskCanceledException } when !args.Context.CancellationToken.IsCancellationRequested => true,
                    { Result: { } response } => IsRetried(response.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }
        if (attemptTimeout != Timeout.InfiniteTimeSpan)
            builder.AddTimeout(attemptTimeout);
        return builder.Build();
    }

    /// <summary>Whether a status is retried.</summary>
    public static bool IsRetried(HttpStatusCode status) => RetriedStatuses.Contains((int)status);

    /// <summary>The server's Retry-After, when it sent one (capped like the back-off); null keeps the exponential delay.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } delay && delay > TimeSpan.Zero ? (delay < MaxDelay ? delay : MaxDelay) : null;
    }
}
