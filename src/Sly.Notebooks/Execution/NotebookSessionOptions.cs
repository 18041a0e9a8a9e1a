using System.Reflection;

namespace Sly.Notebooks.Execution;

/// <summary>How a <see cref="NotebookSession"/> runs its cells.</summary>
public sealed class NotebookSessionOptions
{
    /// <summary>
    /// The notebook's folder: relative <c>#r</c> and <c>#i</c> paths resolve against it, and the notebook folder's
    /// nuget.config applies to restores. Defaults to the process's current directory.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Whether the session makes <see cref="WorkingDirectory"/> the process's current directory while it lives (like
    /// papermill's <c>--cwd</c>), so relative paths in cells resolve against the notebook's folder. Restored on dispose.
    /// The current directory is process-wide: leave this off when several sessions share a process.
    /// </summary>
    public bool SetCurrentDirectory { get; init; } = true;

    /// <summary>Environment variables set for the session's lifetime (a null value removes the variable); restored on dispose.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    /// <summary>The longest a cell may run; null for no limit. A cell that runs longer is abandoned with a <c>CellTimeoutError</c>.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>The longest a NuGet restore may take. Five minutes by default.</summary>
    public TimeSpan RestoreTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The <c>dotnet</c> program used for restores; found on PATH (or from DOTNET_HOST_PATH) when null.</summary>
    public string? DotnetPath { get; init; }

    /// <summary>Assemblies of the host that cells may use without <c>#r</c>.</summary>
    public IReadOnlyList<Assembly> AdditionalReferences { get; init; } = [];

    /// <summary>Namespaces imported in every cell besides the C# kernel's defaults.</summary>
    public IReadOnlyList<string> AdditionalImports { get; init; } = [];
}
