using System.CommandLine;
using Sly.Search.Embeddings;
using Sly.Server.Hosting;

namespace Sly.Cli;

/// <summary><c>sly serve</c>: runs the embedded Supervisely-compatible server until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder for the database, image blobs, admin token and supervisely.env (default ~/.sly/server).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".sly", "server")),
        };
        var urls = new Option<string>("--urls")
        {
            Description = "Loopback URL to listen on, e.g. http://127.0.0.1:8330 (port 0 picks a free port).",
            DefaultValueFactory = _ => "http://127.0.0.1:8330",
        };
        urls.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            foreach (var url in (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
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
        var reducingGap = new Option<double?>("--jpeg-reducing-gap")
        {
            Description = "Decode large JPEG files at 1/2–1/8 size while their shorter side stays ≥ G × the model's input (e.g. 3; several times faster for camera photos). Default: exact full-size decoding.",
        };
        reducingGap.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } gap && !ClipImagePreprocessor.IsValidJpegReducingGap(gap))
                result.AddError($"--jpeg-reducing-gap must be a number ≥ 1 (got {gap}).");
        });
        var command = new Command("serve", "Run the embedded Supervisely-compatible AI-search server (prints SERVER_ADDRESS and API_TOKEN).") { data, urls, model, reducingGap };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ServerOptions
            {
                DataDirectory = parse.GetValue(data)!.FullName,
                Urls = parse.GetValue(urls)!,
                ModelDirectory = parse.GetValue(model)?.FullName,
                JpegReducingGap = parse.GetValue(reducingGap),
            };
            try
            {
                await using var server = await SlyServer.StartAsync(options, cancellationToken);
                Console.WriteLine($"SERVER_ADDRESS={server.Address.GetLeftPart(UriPartial.Authority)}");
                Console.WriteLine($"API_TOKEN={server.AdminToken}");
                Console.WriteLine($"Data: {server.DataDirectory} (settings written to {Path.Combine(server.DataDirectory, ServerEnvironmentFile.FileName)})");
                Console.WriteLine("Press Ctrl+C to stop.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                }
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
            {
                Console.Error.WriteLine($"serve: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
