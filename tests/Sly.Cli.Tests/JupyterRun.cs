using Sly.Interactive.Client;
using Sly.Server.Hosting;
using Sly.Testing;

namespace Sly.Cli.Tests;

/// <summary>
/// The three notebooks exactly as committed, executed as a Jupyter user executes them: `jupyter nbconvert --to notebook
/// --execute` with the .net-csharp kernel of the dotnet-interactive tool, against an embedded server holding the demo
/// project (the same images as <see cref="DemoRun"/>); then the same notebooks through dotnet-repl, a client with no Python.
/// Nothing of ours takes part but the notebooks, the kit's package and the server. The server stays up for the collection's
/// other tests, which drive `sly` against it.
/// </summary>
public sealed class JupyterRun : IAsyncLifetime
{
    private static readonly TimeSpan NotebookTimeout = TimeSpan.FromMinutes(6);
    private RunningServer? _server;

    public string Output { get; } = Directory.CreateTempSubdirectory("sly-cli-jupyter-").FullName;

    /// <summary>Why the run could not happen (a missing program); the tests report it as a skip, or a failure under SLY_REQUIRE_ALL=1.</summary>
    public string? Missing { get; private set; }

    public string ServerAddress => _server!.Address.GetLeftPart(UriPartial.Authority);

    public string Token => _server!.AdminToken;

    internal List<(string Notebook, ProcessRunner.Result Result)> Jupyter { get; } = [];

    internal List<(string Notebook, ProcessRunner.Result Result)> Repl { get; } = [];

    internal ExecutedNotebook Notebook(int index) => ExecutedNotebook.Read(Path.Combine(Output, DemoOptions.DefaultNotebooks[index]));

    /// <summary>Skips (or fails under SLY_REQUIRE_ALL=1) when the Jupyter side could not run.</summary>
    public void Require()
    {
        if (Missing is not null)
            Prerequisite.Missing(Missing);
    }

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["SERVER_ADDRESS"] = ServerAddress,
        ["API_TOKEN"] = Token,
        ["PATH"] = Prerequisite.PathWithDotnetTools(),
    };

    public async ValueTask InitializeAsync()
    {
        var jupyter = Prerequisite.Locate("jupyter");
        var kernelSpec = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".local", "share", "jupyter", "kernels", ".net-csharp", "kernel.json");
        var repl = Prerequisite.Locate("dotnet-repl");
        Missing = jupyter is null ? "'jupyter' is not on PATH (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)"
            : Prerequisite.Locate("dotnet-interactive") is null ? "the dotnet-interactive tool is not installed (dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001)"
            : !File.Exists(kernelSpec) ? $"the .net-csharp Jupyter kernel is not registered ({kernelSpec} is missing; run: dotnet interactive jupyter install)"
            : repl is null ? "the dotnet-repl tool is not installed (dotnet tool install -g dotnet-repl --version 0.3.259)"
            : null;
        var cancellationToken = TestContext.Current.CancellationToken;
        _server = await SlyServer.StartAsync(new ServerOptions
        {
            DataDirectory = Path.Combine(Output, "server"),
            Urls = "http://127.0.0.1:0",
            AutoUpdateInterval = TimeSpan.FromMilliseconds(500),
        }, cancellationToken);
        using (var api = SlyApi.Create(ServerAddress, Token))
        {
            var (project, _) = await DemoRunner.PrepareProjectAsync(api, new DemoOptions { RepositoryRoot = Prerequisite.RepoRoot, ImageCount = DemoRun.ImageCount }, cancellationToken);
            await api.Project.EnableEmbeddingsAsync(project.Id, cancellationToken: cancellationToken);
            await api.Project.CalculateEmbeddingsAsync(project.Id, cancellationToken);
            await api.Project.WaitForEmbeddingsAsync(project.Id, null, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        if (Missing is not null)
            return;
        foreach (var notebook in DemoOptions.DefaultNotebooks)
        {
            // nbclient's default startup timeout is 60 s; the kernel's first restore can take longer on a cold cache.
            Jupyter.Add((notebook, ProcessRunner.Run(jupyter!, ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600",
                "--ExecutePreprocessor.startup_timeout=180", "--output-dir", Output, Path.Combine(Prerequisite.RepoRoot, "notebooks", notebook)],
                Output, NotebookTimeout, Environment)));
        }
        foreach (var notebook in DemoOptions.DefaultNotebooks)
        {
            Repl.Add((notebook, ProcessRunner.Run(repl!, ["--run", Path.Combine(Prerequisite.RepoRoot, "notebooks", notebook), "--exit-after-run",
                "--output-path", Path.Combine(Output, "repl-" + notebook)], Output, NotebookTimeout, Environment)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        try
        {
            Directory.Delete(Output, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
