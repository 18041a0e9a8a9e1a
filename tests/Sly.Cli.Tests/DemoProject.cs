namespace Sly.Cli.Tests;

/// <summary>
/// The tests that look at the demo notebooks share one `sly demo` run and one Jupyter run (each takes a minute or more),
/// and run one class at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DemoProject : ICollectionFixture<DemoRun>, ICollectionFixture<JupyterRun>
{
    public const string Name = "Demo project";
}
