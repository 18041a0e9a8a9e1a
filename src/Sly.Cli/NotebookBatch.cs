using System.Diagnostics;
using System.Globalization;
using Sly.Notebooks;
using Sly.Notebooks.Export;
using Sly.Notebooks.Running;
using Spectre.Console;

namespace Sly.Cli;

/// <summary>One executed notebook: where it went, how many cells ran, the error outputs and the time it took.</summary>
public sealed record NotebookOutcome(string Input, string OutputNotebook, string OutputHtml, int CodeCells, int ErrorOutputs, TimeSpan Duration, string? FirstError)
{
    public bool Succeeded => ErrorOutputs == 0 && FirstError is null;
}

/// <summary>Runs notebooks one after another (sly run, sly demo), writing executed .ipynb and .html side by side.</summary>
internal static class NotebookBatch
{
    public static async Task<NotebookOutcome> RunOneAsync(string input, string outputDirectory, IReadOnlyDictionary<string, object?> parameters, bool allowErrors,
        Action<string>? log, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(input);
        if (!File.Exists(full))
            throw new CliException($"Notebook not found: {full} (pass .ipynb or .dib files).");
        if (Path.GetExtension(full) is not (".ipynb" or ".dib"))
            throw new CliException($"Notebook {full} must be a .ipynb or .dib file.");
        Directory.CreateDirectory(outputDirectory);
        var stem = Path.GetFileNameWithoutExtension(full);
        var outputNotebook = Path.Combine(outputDirectory, stem + ".ipynb");
        var outputHtml = Path.Combine(outputDirectory, stem + ".html");
        var clock = Stopwatch.StartNew();
        var result = await NotebookRunner.RunFileAsync(full, outputNotebook, new NotebookRunOptions
        {
            Parameters = parameters,
            AllowErrors = allowErrors,
            CellTimeout = TimeSpan.FromMinutes(10),
            Progress = log is null ? null : p =>
            {
                if (p.Status is not CellRunStatus.Running && p.ExecutionCount is not null)
                    log(string.Create(CultureInfo.InvariantCulture, $"  {stem}: cell {p.CellIndex + 1}/{p.CellCount} {p.Status} {p.Duration.TotalSeconds:0.0} s"));
            },
        }, cancellationToken);
        NotebookHtmlExporter.WriteFile(result.Notebook, outputHtml, baseDirectory: Path.GetDirectoryName(full));
        var codeCells = result.Notebook.Cells.Count(c => c.CellType == NotebookCellType.Code);
        var errors = result.Notebook.Cells.Sum(c => c.Outputs.Count(o => o is ErrorOutput));
        var firstError = result.Error is { } e ? $"cell {result.FailedCellIndex + 1}: {e.EName}: {e.EValue}"
            : result.Cancelled ? "cancelled"
            : result.Notebook.Cells.SelectMany((c, i) => c.Outputs.OfType<ErrorOutput>().Select(o => $"cell {i + 1}: {o.EName}: {o.EValue}")).FirstOrDefault();
        return new NotebookOutcome(full, outputNotebook, outputHtml, codeCells, errors, clock.Elapsed, firstError);
    }

    public static void PrintTable(IReadOnlyList<NotebookOutcome> outcomes)
    {
        var table = new Table().AddColumns("notebook", "code cells", "errors", "time");
        foreach (var o in outcomes)
        {
            table.AddRow(Markup.Escape(Path.GetFileName(o.Input)), o.CodeCells.ToString(CultureInfo.InvariantCulture),
                o.Succeeded ? "0" : $"[red]{o.ErrorOutputs.ToString(CultureInfo.InvariantCulture)}[/]",
                string.Create(CultureInfo.InvariantCulture, $"{o.Duration.TotalSeconds:0.0} s"));
        }
        AnsiConsole.Write(table);
        foreach (var o in outcomes.Where(o => !o.Succeeded))
            Console.Error.WriteLine($"{Path.GetFileName(o.Input)}: {o.FirstError}");
    }
}
