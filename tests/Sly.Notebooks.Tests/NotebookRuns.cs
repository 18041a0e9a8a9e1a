namespace Sly.Notebooks.Tests;

/// <summary>
/// Test classes that run notebooks. A run sets the process's current directory and environment for its duration, so these
/// classes run one at a time, and no other test reads those while a run is on.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookRuns
{
    public const string Name = "Notebook runs";
}
