using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Sly.Interactive.Client;

/// <summary>
/// The Python SDK's retry policy: up to SUPERVISELY_PUBLIC_API_RETRIES attempts (10), sleeping
/// min(SUPERVISELY_PUBLIC_API_RETRY_SLEEP_SEC × 2^attempt, 60) seconds, longer when the server sends Retry-After;
/// retried are connection errors, timeouts and 408, 429, 499, 500, 502, 503, 504, 509, 598, 599.
/// </summary>
public static class SuperviselyRetryPolicy
{
    /// <summary>The HTTP statuses retried.</summary>
    public static readonly IReadOnlySet<int> RetriedStatuses = new HashSet<int> { 408, 429, 499, 500, 502, 503, 504, 509, 598, 599 };

    /// <summary>The retry strategy for <paramref name="attempts"/> attempts starting at <paramref name="sleep"/>.</summary>
    public static HttpRetryStrategyOptions Create(int attempts, TimeSpan sleep) => new()
    {
        MaxRetryAttempts = Math.Max(0, attempts - 1),
        BackoffType = DelayBackoffType.Exponential,
        Delay = sleep,
        MaxDelay = TimeSpan.FromSeconds(60),
        UseJitter = false,
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
        {
            { Exception: HttpRequestException or TimeoutException } => true,
            { Exception: TaskCanceledException } when !args.Context.CancellationToken.IsCancellationRequested => true,
            { Result: { } response } => RetriedStatuses.Contains((int)response.StatusCode),
            _ => false,
        }),
    };

    /// <summary>Whether a status is retried.</summary>
    public static bool IsRetried(HttpStatusCode status) => RetriedStatuses.Contains((int)status);
}
