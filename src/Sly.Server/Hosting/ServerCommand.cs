using System.CommandLine;
using Sly.Search.Embeddings;

namespace Sly.Server.Hosting;

/// <summary>
/// The server's one command line, shared by its own program (<c>dotnet run --project src/Sly.Server</c>) and
/// <c>sly serve</c>: the same options, the same checks, and a clean stop on SIGTERM or SIGINT (Ctrl+C) — the running
/// embedding batch is cancelled and every batch already committed stays.
/// </summary>
public static class ServerCommand
{
    /// <summary>The default data folder: ~/.sly/server.</summary>
    public static string DefaultDataDirectory { get; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".sly", "server");

    /// <summary>What the command says it does.</summary>
    public const string Description = "Run the embedded Supervisely-compatible AI-search server (prints SERVER_ADDRESS and API_TOKEN).";

    /// <summary>Gives <paramref name="command"/> the server's options and makes it run the server until it is told to stop.</summary>
    public static TCommand Configure<TCommand>(TCommand command) where TCommand : Command
    {
        ArgumentNullException.ThrowIfNull(command);
        var name = command.Name;
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder for the database, image blobs, admin token and supervisely.env (default ~/.sly/server).",
            DefaultValueFactory = _ => new DirectoryInfo(DefaultDataDirectory),
        };
        var urls = new Option<string>("--urls")
        {
            Description = "Loopback URL to listen on, e.g. http://127.0.0.1:8330 (port 0 picks a free port).",
            DefaultValueFactory = _ => "http://127.0.0.1:8330",
        };
        urls.Validators.Add(result =>
        {
            foreach (var url in (result.GetValueOrDefault<string>() ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    result.AddError($"--urls must be http(s)://HOST:PORT URLs separated by ';' (got '{url}').");
            }
        });
        var model = new Option<DirectoryInfo>("--model")
        {
            Description = "CLIP model folder (vision_model.onnx, text_model.onnx, vocab); default SLY_CLIP_MODEL, else the demo model in models/demo-clip.",
        };
        model.AcceptExistingOnly();
        var batch = new Option<int>("--embedding-batch")
        {
            Description = "Images embedded per batch (1-1024); each batch is committed as a whole.",
            DefaultValueFactory = _ => new ServerOptions { DataDirectory = "" }.EmbeddingBatchSize,
        };
        batch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1024)
                result.AddError($"--embedding-batch must be a whole number from 1 to 1024 (got {result.GetValueOrDefault<int>()}).");
        });
        var reducingGap = new Option<double?>("--jpeg-reducing-gap")
        {
            Description = "Decode large JPEG files at 1/2–1/8 size while their shorter side stays ≥ G × the model's input (e.g. 3; several times faster for camera photos). Default: exact full-size decoding.",
        };
        reducingGap.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } gap && !ClipImagePreprocessor.IsValidJpegReducingGap(gap))
                result.AddError($"--jpeg-reducing-gap must be a number ≥ 1 (got {gap}).");
        });
        foreach (var option in new Option[] { data, urls, model, batch, reducingGap })
            command.Options.Add(option);
        command.SetAction(async (parse, stopping) =>
        {
            var options = new ServerOptions
            {
                DataDirectory = parse.GetValue(data)!.FullName,
                Urls = parse.GetValue(urls)!,
                ModelDirectory = parse.GetValue(model)?.FullName,
                EmbeddingBatchSize = parse.GetValue(batch),
                JpegReducingGap = parse.GetValue(reducingGap),
            };
            try
            {
                await using var server = await SlyServer.StartAsync(options, stopping);
                Console.WriteLine($"SERVER_ADDRESS={server.Address.GetLeftPart(UriPartial.Authority)}");
                Console.WriteLine($"API_TOKEN={server.AdminToken}");
                Console.WriteLine($"Data: {server.DataDirectory} (settings written to {Path.Combine(server.DataDirectory, ServerEnvironmentFile.FileName)})");
                Console.WriteLine("Press Ctrl+C to stop.");
                // System.CommandLine cancels this token on SIGINT and SIGTERM; disposing the server then stops it.
                try
                {
                    await Task.Delay(Timeout.Infinite, stopping);
                }
                catch (OperationCanceledException)
                {
                }
                Console.WriteLine("Stopping…");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"{name}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
