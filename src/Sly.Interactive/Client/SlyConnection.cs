namespace Sly.Interactive.Client;

/// <summary>Where the API is and how to call it: server address, token and the retry settings.</summary>
public sealed record SlyConnection(Uri ServerAddress, string Token)
{
    /// <summary>Attempts per call, as SUPERVISELY_PUBLIC_API_RETRIES (default 10).</summary>
    public int RetryAttempts { get; init; } = 10;

    /// <summary>First back-off, as SUPERVISELY_PUBLIC_API_RETRY_SLEEP_SEC (default 1 s).</summary>
    public TimeSpan RetrySleep { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>The API base URL: SUPERVISELY_API_SERVER_ADDRESS, or {server}/public/api, plus /v3.</summary>
    public Uri? ApiServerAddress { get; init; }

    /// <summary>The URL operations are posted to: {API server}/v3.</summary>
    public Uri ApiBase => new((ApiServerAddress?.ToString().TrimEnd('/') ?? ServerAddress.ToString().TrimEnd('/') + "/public/api") + "/v3");
}
