using Refit;
using Sly.Api.Json;
using Sly.Interactive.Collections;
using Sly.Interactive.Datasets;
using Sly.Interactive.Images;
using Sly.Interactive.Jobs;
using Sly.Interactive.Projects;
using Sly.Interactive.Transport;

namespace Sly.Interactive.Client;

/// <summary>
/// The entry point, shaped like the Python SDK's <c>sly.Api</c>: <c>api.Project</c>, <c>api.Dataset</c>,
/// <c>api.Image</c>, <c>api.EntitiesCollection</c>, <c>api.LabelingJob</c>. Works against a real Supervisely instance
/// and against the embedded Sly server alike. Calls go through the generated Refit client (<see cref="Raw"/>)
/// with the SDK's retry policy; errors become <see cref="SlyApiException"/>.
/// </summary>
public sealed class SlyApi : IDisposable
{
    private readonly HttpClient _http;

    private SlyApi(SlyConnection connection)
    {
        Connection = connection;
        var retries = SuperviselyRetryPolicy.Create(connection.RetryAttempts, connection.RetrySleep, connection.AttemptTimeout);
        // One connection pool for the API and the files; it recycles connections so DNS changes are seen.
        var sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(new RetryingHandler(retries, sockets)) { BaseAddress = connection.ApiBase, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Add("x-api-key", connection.Token);
        if (Environment.GetEnvironmentVariable("SUPERVISELY_TASK_ID") is { Length: > 0 } task)
            _http.DefaultRequestHeaders.Add("x-task-id", task);
        Files = new HttpClient(new RetryingHandler(SuperviselyRetryPolicy.Create(connection.RetryAttempts, connection.RetrySleep, TimeSpan.FromMinutes(5)), sockets), disposeHandler: false)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        // RestService.For uses the stub Refit generated for ISupervisely (AddRefitClient would need Refit.Reflection).
        Raw = RestService.For<ISupervisely>(_http,
            new RefitSettings(new SystemTextJsonContentSerializer(SuperviselyJson.Options)) { ExceptionFactory = async response => (await SlyApiErrors.FromResponseAsync(response))! });
        Project = new ProjectApi(Raw);
        Dataset = new DatasetApi(Raw);
        Image = new ImageApi(Raw);
        EntitiesCollection = new EntitiesCollectionApi(Raw);
        LabelingJob = new LabelingJobApi(Raw);
    }

    /// <summary>Settings from SERVER_ADDRESS / API_TOKEN, ~/supervisely.env, or a local server's supervisely.env.</summary>
    public static SlyApi FromEnv() => new(SlyEnvironment.Resolve());

    /// <summary>Connects to <paramref name="serverAddress"/> (e.g. https://app.supervisely.com) with an API token.</summary>
    public static SlyApi Create(string serverAddress, string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return new SlyApi(new SlyConnection(SlyEnvironment.NormaliseAddress(serverAddress), token));
    }

    /// <summary>Connects with explicit settings (retries, timeouts, API base).</summary>
    public static SlyApi Create(SlyConnection connection) => new(connection ?? throw new ArgumentNullException(nameof(connection)));

    /// <summary>The server, token and retry settings in use.</summary>
    public SlyConnection Connection { get; }

    /// <summary>The generated Refit client for the whole contract, for calls the facades do not wrap.</summary>
    public ISupervisely Raw { get; }

    /// <summary>Projects and AI search (api.project).</summary>
    public ProjectApi Project { get; }

    /// <summary>Datasets (api.dataset).</summary>
    public DatasetApi Dataset { get; }

    /// <summary>Images (api.image).</summary>
    public ImageApi Image { get; }

    /// <summary>Entities collections (api.entities_collection).</summary>
    public EntitiesCollectionApi EntitiesCollection { get; }

    /// <summary>Labeling jobs (api.labeling_job).</summary>
    public LabelingJobApi LabelingJob { get; }

    /// <summary>An HTTP client for absolute URLs such as fullStorageUrl and previews (with the same retries).</summary>
    public HttpClient Files { get; }

    /// <summary>Releases the HTTP clients.</summary>
    public void Dispose()
    {
        Files.Dispose();
        _http.Dispose();
    }
}
