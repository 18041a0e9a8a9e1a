using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sly.Search.Embeddings;
using Sly.Server.Api;
using Sly.Server.Api.Handlers;
using Sly.Server.Auth;
using Sly.Server.Embeddings;
using Sly.Server.Files;
using Sly.Server.Search;
using Sly.Server.Storage;

namespace Sly.Server.Hosting;

/// <summary>Builds and starts the server, in-process (tests, the CLI) or as its own program.</summary>
public static class SlyServer
{
    public static async Task<RunningServer> StartAsync(ServerOptions options, CancellationToken cancellationToken = default, Func<string, IEmbedder>? loadEmbedder = null)
    {
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        CheckUrls(options);
        var embedderOptions = new OnnxClipEmbedderOptions { JpegReducingGap = options.JpegReducingGap };
        if (!ClipImagePreprocessor.IsValidJpegReducingGap(options.JpegReducingGap))
            throw new ArgumentOutOfRangeException(nameof(options), options.JpegReducingGap, $"{nameof(ServerOptions.JpegReducingGap)} must be null (exact decoding) or a finite number ≥ 1");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, Args = [] });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = Math.Max(options.MaxJsonBodyBytes, options.MaxUploadBytes);
            kestrel.AddServerHeader = false;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var database = new SqliteDatabase(Path.Combine(dataDirectory, "sly.db"));
        var users = new UserStore(database);
        var adminToken = await users.EnsureAdminAsync(dataDirectory, cancellationToken);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(database);
        services.AddSingleton(users);
        services.AddSingleton(new BlobStore(Path.Combine(dataDirectory, "blobs")));
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<ImageStore>();
        services.AddSingleton<CollectionStore>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<VectorStore>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton(new EmbedderProvider(options.ModelDirectory, loadEmbedder ?? (folder => OnnxClipEmbedder.Load(folder, embedderOptions))));
        services.AddSingleton(sp => new ProjectIndexes(sp.GetRequiredService<VectorStore>(), VectorIndexFactory.Create));
        services.AddSingleton(sp => new EmbeddingJobs(
            sp.GetRequiredService<ProjectStore>(), sp.GetRequiredService<VectorStore>(), sp.GetRequiredService<BlobStore>(),
            sp.GetRequiredService<ProjectIndexes>(), sp.GetRequiredService<EmbedderProvider>(), options.EmbeddingBatchSize,
            sp.GetRequiredService<ILogger<EmbeddingJobs>>()));
        services.AddHostedService(sp => new AutoUpdater(sp.GetRequiredService<ProjectStore>(), sp.GetRequiredService<VectorStore>(),
            sp.GetRequiredService<EmbeddingJobs>(), options.AutoUpdateInterval, sp.GetRequiredService<ILogger<AutoUpdater>>()));
        services.AddSingleton<WorkspaceStore>();
        services.AddSingleton<AiSearchService>();
        services.AddSingleton<ProjectProjections>();
        services.AddScoped<RequestContext>();
        services.AddScoped<TeamsHandlers>();
        services.AddScoped<WorkspacesHandlers>();
        services.AddScoped<ProjectsHandlers>();
        services.AddScoped<EmbeddingsHandlers>();
        services.AddScoped<EntitiesCollectionsHandlers>();
        services.AddScoped<ImagesHandlers>();
        services.AddScoped<DatasetsHandlers>();
        services.AddScoped<AnnotationsHandlers>();
        services.AddScoped<JobsHandlers>();
        services.AddScoped<InstanceHandlers>();
        services.AddScoped<UsersHandlers>();
        services.AddScoped<SlyExtensionsHandlers>();

        var app = builder.Build();
        var router = new OperationRouter();
        HandlerEndpoints.Map(router);
        var unmapped = router.Unmapped().ToList();
        if (unmapped.Count > 0)
            throw new InvalidOperationException("The server does not implement these contract operations: " + string.Join(", ", unmapped));

        var authenticator = app.Services.GetRequiredService<ApiKeyAuthenticator>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sly.Server.Api");
        app.MapPost("/public/api/v3/{method}", (HttpContext http, string method) =>
            router.Handle(http, method, authenticator, options.MaxJsonBodyBytes, options.MaxUploadBytes, logger));
        app.MapMethods("/public/api/v3/{method}", ["GET", "PUT", "DELETE", "PATCH"], (HttpContext http, string method) =>
            OperationRouter.WriteError(http, new ApiError(405, "Method not allowed", $"'{method}' is called with POST and a JSON body")));
        BlobEndpoints.Map(app);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)))
            .First();
        ServerEnvironmentFile.Write(dataDirectory, address, adminToken);
        return new RunningServer(app, address, adminToken, dataDirectory);
    }

    private static void CheckUrls(ServerOptions options)
    {
        if (options.AllowRemote)
            return;
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
                throw new ArgumentException($"--urls: '{url}' is not a URL such as http://127.0.0.1:8330", nameof(options));
            var loopback = uri.Host is "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
                throw new ArgumentException($"--urls: '{url}' is not a loopback address; this server listens on 127.0.0.1/::1/localhost only unless remote access is allowed", nameof(options));
        }
    }
}
