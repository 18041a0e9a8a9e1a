using Sly.Testing;

namespace Sly.Cli.Tests;

/// <summary>Runs `sly demo`'s code once for the class: embedded server, demo set, embeddings, the three notebooks on the kernel library.</summary>
public sealed class DemoRun : IAsyncLifetime
{
    public const int ImageCount = 120;

    public DemoResult Result { get; private set; } = null!;

    public string Output { get; } = Directory.CreateTempSubdirectory("sly-cli-demo-").FullName;

    internal ExecutedNotebook Notebook(int index) => ExecutedNotebook.Read(Result.Notebooks[index].OutputNotebook);

    public async ValueTask InitializeAsync()
    {
        Result = await DemoRunner.RunAsync(new DemoOptions
        {
            RepositoryRoot = Prerequisite.RepoRoot,
            OutputDirectory = Output,
            ImageCount = ImageCount,
        }, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Output, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
