using Sly.Api;
using Sly.Interactive.Client;
using Sly.Search.DemoData;
using Sly.Search.Embeddings;
using Sly.Server.Hosting;
using Sly.Testing;

namespace Sly.Interactive.Tests;

/// <summary>
/// One embedded server for a test class, with the demo model and a project holding the demo image set in three
/// datasets, embedded through the kit itself (the seed's "enable" example).
/// </summary>
public sealed class DemoServer : IAsyncLifetime
{
    public const int ImageCount = 168;

    private RunningServer? _server;
    private string _data = "";

    public SlyApi Api { get; private set; } = null!;

    public ProjectInfo Project { get; private set; } = null!;

    public Dictionary<string, DemoLabel> Labels { get; } = new();

    public List<Projects.EmbeddingsProgress> ProgressReports { get; } = new();

    public string AdminToken => _server!.AdminToken;

    public Uri Address => _server!.Address;

    public async ValueTask InitializeAsync()
    {
        var model = Path.Combine(Prerequisite.RepoRoot, "models", "demo-clip");
        if (!File.Exists(Path.Combine(model, "vision_model.onnx")))
            throw new InvalidOperationException($"The demo model is missing from {model}; it is part of the repository.");
        _data = Directory.CreateTempSubdirectory("sly-kit-").FullName;
        _server = await SlyServer.StartAsync(new ServerOptions { DataDirectory = _data, ModelDirectory = model, AutoUpdateInterval = TimeSpan.FromMilliseconds(300) },
            loadEmbedder: folder => OnnxClipEmbedder.Load(folder));
        Api = SlyApi.Create(_server.Address.ToString(), _server.AdminToken);

        Project = await Api.Project.CreateAsync(1, "parts inspection", changeNameIfConflict: true);
        foreach (var group in DemoImageSet.Generate(ImageCount, seed: 99).GroupBy(i => i.Dataset))
        {
            var dataset = await Api.Dataset.CreateAsync(Project.Id, group.Key);
            await Api.Image.UploadAsync(dataset.Id, group.Select(i => (i.Name + ".png", i.EncodePng())).ToList());
            foreach (var image in group)
                Labels[image.Name + ".png"] = image.Label;
        }
        await Api.Project.EnableEmbeddingsAsync(Project.Id);
        await Api.Project.CalculateEmbeddingsAsync(Project.Id);
        await Api.Project.WaitForEmbeddingsAsync(Project.Id, new Progress<Projects.EmbeddingsProgress>(ProgressReports.Add), TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(100));
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (_server is not null)
            await _server.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
