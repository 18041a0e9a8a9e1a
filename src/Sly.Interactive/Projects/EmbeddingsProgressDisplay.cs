using System.Globalization;
using System.Net;
using Sly.Interactive.Notebook;

namespace Sly.Interactive.Projects;

/// <summary>
/// Shows embedding progress while <see cref="ProjectApi.WaitForEmbeddingsAsync"/> runs: in a notebook, one output that
/// updates in place (done/total, rate, time left, a bar); elsewhere, a progress bar redrawn on one console line.
/// </summary>
public sealed class EmbeddingsProgressDisplay : IProgress<EmbeddingsProgress>
{
    private readonly INotebookDisplay? _notebook;
    private readonly Lock _gate = new();
    private ILiveOutput? _output;

    private EmbeddingsProgressDisplay(INotebookDisplay? notebook) => _notebook = notebook;

    /// <summary>A display for the current host: the notebook's when the kit is loaded into a kernel, else the console.</summary>
    public static EmbeddingsProgressDisplay Create() => new(NotebookDisplay.Current);

    /// <summary>Always the console.</summary>
    public static EmbeddingsProgressDisplay Console() => new(null);

    /// <summary>Whether progress goes to a notebook output rather than the console.</summary>
    public bool InNotebook => _notebook is not null;

    /// <inheritdoc />
    public void Report(EmbeddingsProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (_notebook is null)
            {
                System.Console.Write("\r" + Bar(value.Fraction, 30) + " " + value + new string(' ', 8));
                if (!value.InProgress && value.Fraction >= 1)
                    System.Console.WriteLine();
            }
            else if (_output is null)
            {
                _output = _notebook.Display(value);
            }
            else
            {
                _output.Update(value);
            }
        }
    }

    /// <summary>The progress as a small HTML bar with its text.</summary>
    public static string Html(EmbeddingsProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "<div class=\"sly-progress\" style=\"font:12px system-ui,sans-serif\"><div style=\"width:320px;height:10px;background:#e5e9f0;border-radius:5px\">" +
               "<div style=\"width:" + (value.Fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%;height:10px;background:" + (value.InProgress ? "#3182bd" : "#31a354") +
               ";border-radius:5px\"></div></div><span>" + WebUtility.HtmlEncode((value.InProgress ? "Embedding: " : "Embeddings ready: ") + value) + "</span></div>";
    }

    private static string Bar(double fraction, int width)
    {
        var filled = (int)Math.Round(fraction * width);
        return "[" + new string('#', filled) + new string('-', width - filled) + "]";
    }
}
