namespace Sly.Notebooks.Running;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook (papermill's and nbclient's options).</summary>
public sealed class NotebookRunOptions
{
    /// <summary>
    /// The folder cells run in (relative paths in <c>#r "x.dll"</c>, <c>#load</c> and file access): by default the input
    /// notebook's folder, else the current directory. Like papermill's <c>--cwd</c>. The kernel resolves these against the
    /// process's current directory, so a run sets it for its duration and puts the old one back (see <see cref="NotebookRunner"/>).
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables the cells see (a null value removes one); set for the run and put back after it.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = new Dictionary<string, string?>();

    /// <summary>The input notebook's path, recorded in <c>metadata.papermill.input_path</c>.</summary>
    public string? InputPath { get; init; }

    /// <summary>The output notebook's path, recorded in <c>metadata.papermill.output_path</c>.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Parameters injected after the cell tagged <c>parameters</c> (see <c>ParameterValues</c> for <c>-p name=value</c>).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Whether the run goes on after a cell fails (nbclient's <c>--allow-errors</c>). Cells tagged <c>raises-exception</c> may always fail.</summary>
    public bool AllowErrors { get; init; }

    /// <summary>The longest one cell may run; null for no limit. A cell past it is cancelled and the run stops.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Called when a cell starts, when its outputs change, and when it ends. Called on the run's flow or the kernel's.</summary>
    public Action<CellProgress>? Progress { get; init; }
}
