using System.Reflection;
using Sly.Notebooks.Execution;

namespace Sly.Notebooks.Running;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook (papermill's and nbclient's options).</summary>
public sealed class NotebookRunOptions
{
    /// <summary>
    /// The folder cells run in (<c>#r</c>, <c>#i</c>, relative paths): by default the input notebook's folder, else the
    /// current directory. Like papermill's <c>--cwd</c>.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Whether the process's current directory is the working directory during the run (restored after).</summary>
    public bool SetCurrentDirectory { get; init; } = true;

    /// <summary>The input notebook's path, recorded in <c>metadata.papermill.input_path</c>.</summary>
    public string? InputPath { get; init; }

    /// <summary>The output notebook's path, recorded in <c>metadata.papermill.output_path</c>.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Parameters injected after the cell tagged <c>parameters</c> (see <c>ParameterValues</c> for <c>-p name=value</c>).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Whether the run goes on after a cell fails (nbclient's <c>--allow-errors</c>). Cells tagged <c>raises-exception</c> may always fail.</summary>
    public bool AllowErrors { get; init; }

    /// <summary>The longest one cell may run; null for no limit. A timeout always stops the run.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>The longest one NuGet restore may take.</summary>
    public TimeSpan RestoreTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Environment variables set for the run (a null value removes one); restored after.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    /// <summary>The <c>dotnet</c> program used for restores; found automatically when null.</summary>
    public string? DotnetPath { get; init; }

    /// <summary>Host assemblies the cells may use without <c>#r</c>.</summary>
    public IReadOnlyList<Assembly> AdditionalReferences { get; init; } = [];

    /// <summary>Namespaces imported in every cell besides the C# kernel's defaults.</summary>
    public IReadOnlyList<string> AdditionalImports { get; init; } = [];

    /// <summary>Called when a cell starts and when it ends (for a progress bar). Called on the runner's flow.</summary>
    public Action<CellProgress>? Progress { get; init; }

    /// <summary>Called for every output as cells produce it (papermill's <c>--log-output</c>), possibly from a cell's background task.</summary>
    public Action<NotebookOutputEventArgs>? Output { get; init; }
}
