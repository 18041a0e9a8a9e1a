using System.Diagnostics;
using Sly.Api;
using Sly.Interactive.Client;
using Sly.Interactive.Projects;
using Sly.Search.DemoData;
using Sly.Server.Hosting;

namespace Sly.Cli;

/// <summary>How <see cref="DemoRunner"/> runs.</summary>
public sealed record DemoOptions
{
    public const string DefaultProjectName = "Parts inspection demo";

    public static readonly IReadOnlyList<string> DefaultNotebooks = ["01-ai-search-tutorial.ipynb", "02-explore-embeddings.ipynb", "03-use-cases.ipynb"];

    /// <summary>The checkout (holds notebooks/ and artifacts/).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Where executed notebooks and HTML go; default {root}/artifacts/notebooks.</summary>
    public string? OutputDirectory { get; init; }

    public string ProjectName { get; init; } = DefaultProjectName;

    public int ImageCount { get; init; } = 240;

    public long Seed { get; init; } = 1;

    /// <summary>Notebook file names under {root}/notebooks, run in order.</summary>
    public IReadOnlyList<string> Notebooks { get; init; } = DefaultNotebooks;

    /// <summary>Extra notebook parameters (beside projectName).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Use this server instead of SERVER_ADDRESS or an embedded one.</summary>
    public SlyConnection? Connection { get; init; }

    /// <summary>Progress lines.</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Where the notebooks' per-cell progress goes (taken before any kernel holds the process's Console).</summary>
    public TextWriter? Console { get; init; }

    /// <summary>Whether <see cref="Console"/> is a terminal, where a running cell's line is redrawn in place.</summary>
    public bool LiveLine { get; init; }
}

/// <summary>A timed step of the demo.</summary>
public sealed record DemoPhase(string Name, TimeSpan Duration, string Detail);

/// <summary>What the demo did.</summary>
public sealed record DemoResult(IReadOnlyList<DemoPhase> Phases, IReadOnlyList<NotebookOutcome> Notebooks, string OutputDirectory)
{
    public bool Succeeded => Notebooks.Count > 0 && Notebooks.All(n => n.Succeeded);
}

/// <summary>
/// <c>sly demo</c>: an embedded server (unless SERVER_ADDRESS is set), the demo image set uploaded into a project,
/// embeddings calculated, then the three tutorial notebooks run against it.
/// </summary>
public static class DemoRunner
{
    public static async Task<DemoResult> RunAsync(DemoOptions options, CancellationToken cancellationToken = default)
    {
        var phases = new List<DemoPhase>();
        var outcomes = new List<NotebookOutcome>();
        var output = options.OutputDirectory ?? Path.Combine(options.RepositoryRoot, "artifacts", "notebooks");
        var notebooks = options.Notebooks.Select(n => Path.Combine(options.RepositoryRoot, "notebooks", n)).ToList();
        foreach (var notebook in notebooks.Where(n => !File.Exists(n)))
            throw new CliException($"demo: notebook {notebook} is missing; the demo runs {string.Join(", ", options.Notebooks)} from notebooks/.");

        var clock = Stopwatch.StartNew();
        RunningServer? server = null;
        string? data = null;
        var savedAddress = Environment.GetEnvironmentVariable(SlyEnvironment.ServerAddressVariable);
        try
        {
            SlyConnection connection;
            if (options.Connection is { } given)
            {
                connection = given;
            }
            else if (string.IsNullOrEmpty(savedAddress))
            {
                data = Directory.CreateTempSubdirectory("sly-demo-").FullName;
                server = await SlyServer.StartAsync(new ServerOptions { DataDirectory = data, Urls = "http://127.0.0.1:0", AutoUpdateInterval = TimeSpan.FromMilliseconds(500) }, cancellationToken);
                connection = new SlyConnection(new Uri(server.Address.GetLeftPart(UriPartial.Authority)), server.AdminToken);
                phases.Add(Done("server start", $"embedded at {server.Address.GetLeftPart(UriPartial.Authority)}, data {data}"));
            }
            else
            {
                connection = SlyEnvironment.Resolve();
                phases.Add(Done("server", $"using SERVER_ADDRESS={savedAddress}"));
            }

            using (var api = SlyApi.Create(connection))
            {
                var (project, uploaded) = await PrepareProjectAsync(api, options, cancellationToken);
                phases.Add(Done("demo set", $"project '{project.Name}' (id {project.Id}): {uploaded} images uploaded"));

                await api.Project.EnableEmbeddingsAsync(project.Id, cancellationToken: cancellationToken);
                await api.Project.CalculateEmbeddingsAsync(project.Id, cancellationToken);
                var lastPercent = -1;
                var final = await api.Project.WaitForEmbeddingsAsync(project.Id, new Progress<EmbeddingsProgress>(p =>
                {
                    var percent = (int)(p.Fraction * 100) / 25 * 25;
                    if (percent != lastPercent)
                    {
                        lastPercent = percent;
                        options.Log($"  embeddings: {p}");
                    }
                }), TimeSpan.FromMinutes(20), TimeSpan.FromMilliseconds(250), cancellationToken);
                phases.Add(Done("embeddings", final.ToString()));
            }

            // The notebooks find the server the way a user's do: SERVER_ADDRESS and API_TOKEN, set for the runs only.
            var batch = new NotebookBatchOptions
            {
                Parameters = new Dictionary<string, object?>(options.Parameters) { ["projectName"] = options.ProjectName },
                EnvironmentVariables = new Dictionary<string, string?>
                {
                    [SlyEnvironment.ServerAddressVariable] = connection.ServerAddress.ToString().TrimEnd('/'),
                    [SlyEnvironment.TokenVariable] = connection.Token,
                },
                Log = options.Console,
                LiveLine = options.LiveLine,
            };
            foreach (var notebook in notebooks)
            {
                options.Log($"Running {Path.GetFileName(notebook)}…");
                var outcome = await NotebookBatch.RunOneAsync(notebook, output, batch, cancellationToken);
                outcomes.Add(outcome);
                phases.Add(Done(Path.GetFileName(notebook), outcome.Succeeded ? $"{outcome.CodeCells} cells" : $"FAILED: {outcome.FirstError}"));
            }
        }
        finally
        {
            if (server is not null)
                await server.DisposeAsync();
            if (data is not null)
            {
                try
                {
                    Directory.Delete(data, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
        return new DemoResult(phases, outcomes, output);

        DemoPhase Done(string name, string detail)
        {
            var phase = new DemoPhase(name, clock.Elapsed, detail);
            options.Log($"{name}: {clock.Elapsed.TotalSeconds:0.0} s — {detail}");
            clock.Restart();
            return phase;
        }
    }

    /// <summary>The demo project with the demo image set, three datasets; images already there (by name) are kept.</summary>
    public static async Task<(ProjectInfo Project, int Uploaded)> PrepareProjectAsync(SlyApi api, DemoOptions options, CancellationToken cancellationToken)
    {
        var project = (await api.Project.GetListAsync(ImportCommand.WorkspaceId, cancellationToken: cancellationToken)).FirstOrDefault(p => p.Name == options.ProjectName)
            ?? await api.Project.CreateAsync(ImportCommand.WorkspaceId, options.ProjectName, description: "Synthetic parts-inspection images (sly demo)", cancellationToken: cancellationToken);
        var datasets = (await api.Dataset.GetListAsync(project.Id, cancellationToken: cancellationToken)).ToDictionary(d => d.Name, StringComparer.Ordinal);
        var uploaded = 0;
        foreach (var group in DemoImageSet.Generate(options.ImageCount, options.Seed).GroupBy(i => i.Dataset))
        {
            if (!datasets.TryGetValue(group.Key, out var dataset))
                dataset = await api.Dataset.CreateAsync(project.Id, group.Key, changeNameIfConflict: false, cancellationToken: cancellationToken);
            var taken = (await api.Image.GetListAsync(dataset.Id, cancellationToken: cancellationToken)).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            var fresh = group.Where(i => !taken.Contains(i.Name + ".png")).Select(i => (i.Name + ".png", i.EncodePng())).ToList();
            if (fresh.Count > 0)
                await api.Image.UploadAsync(dataset.Id, fresh, cancellationToken: cancellationToken);
            uploaded += fresh.Count;
        }
        return (project, uploaded);
    }
}
