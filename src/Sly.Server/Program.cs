using Sly.Server.Hosting;

// dotnet run --project src/Sly.Server -- [--data DIR] [--urls http://127.0.0.1:PORT] [--model DIR]
// (the sly CLI's `sly serve` runs the same thing).
var data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".sly", "server");
var urls = "http://127.0.0.1:8330";
string? model = null;
var batch = 32;
double? reducingGap = null;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--data": data = Value(); break;
        case "--urls": urls = Value(); break;
        case "--model": model = Value(); break;
        case "--embedding-batch":
            if (!int.TryParse(Value(), out batch) || batch is < 1 or > 1024)
                throw new ArgumentException("--embedding-batch must be an integer from 1 to 1024");
            break;
        case "--jpeg-reducing-gap":
            if (!double.TryParse(Value(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var gap) || !Sly.Search.Embeddings.ClipImagePreprocessor.IsValidJpegReducingGap(gap))
                throw new ArgumentException("--jpeg-reducing-gap must be a number ≥ 1 (e.g. 3)");
            reducingGap = gap;
            break;
        case "-h" or "--help":
            Console.WriteLine("Usage: Sly.Server [--data DIR] [--urls http://127.0.0.1:PORT] [--model DIR] [--embedding-batch N] [--jpeg-reducing-gap G]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'. Options: --data DIR, --urls URL, --model DIR, --embedding-batch N, --jpeg-reducing-gap G.");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
await using var server = await SlyServer.StartAsync(new ServerOptions { DataDirectory = data, Urls = urls, ModelDirectory = model, EmbeddingBatchSize = batch, JpegReducingGap = reducingGap });
Console.WriteLine($"SERVER_ADDRESS={server.Address.GetLeftPart(UriPartial.Authority)}");
Console.WriteLine($"API_TOKEN={server.AdminToken}");
Console.WriteLine($"Data: {server.DataDirectory} (settings written to {Path.Combine(server.DataDirectory, ServerEnvironmentFile.FileName)})");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
return 0;
