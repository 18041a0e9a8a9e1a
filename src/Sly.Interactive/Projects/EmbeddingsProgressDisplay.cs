using System.Globalization;
using System.Net;
using System.Reflection;

namespace Sly.Interactive.Projects;

/// <summary>
/// Shows embedding progress while <see cref="ProjectApi.WaitForEmbeddingsAsync"/> runs: in a notebook, one output that
/// updates in place (done/total, rate, time left, a bar), found through the host's display() — the Sly notebook engine
/// or .NET Interactive; elsewhere, a progress bar redrawn on one console line.
/// </summary>
public sealed class EmbeddingsProgressDisplay : IProgress<EmbeddingsProgress>
{
    private static readonly string[] DisplayHosts = ["Sly.Notebooks.Kernel", "Microsoft.DotNet.Interactive.Kernel"];
    private readonly Func<object, object?>? _display;
    private object? _handle;
    private MethodInfo? _update;

    private EmbeddingsProgressDisplay(Func<object, object?>? display) => _display = display;

    /// <summary>A display for the current host: the notebook's display() when there is one, else the console.</summary>
    public static EmbeddingsProgressDisplay Create() => new(FindNotebookDisplay());

    /// <summary>Always the console.</summary>
    public static EmbeddingsProgressDisplay Console() => new(null);

    /// <summary>Whether progress goes to a notebook output rather than the console.</summary>
    public bool InNotebook => _display is not null;

    /// <inheritdoc />
    public void Report(EmbeddingsProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_display is null)
        {
            System.Console.Write("\r" + Bar(value.Fraction, 30) + " " + value + new string(' ', 8));
            if (!value.InProgress && value.Fraction >= 1)
                System.Console.WriteLine();
            return;
        }
        var html = new HtmlString(Html(value));
        if (_handle is null)
        {
            _handle = _display(html);
            _update = _handle?.GetType().GetMethod("Update", [typeof(object)]);
        }
        else
        {
            _update?.Invoke(_handle, [html]);
        }
    }

    /// <summary>The progress as a small HTML bar with its text.</summary>
    public static string Html(EmbeddingsProgress value) =>
        "<div class=\"sly-progress\" style=\"font:12px system-ui,sans-serif\"><div style=\"width:320px;height:10px;background:#e5e9f0;border-radius:5px\">" +
        "<div style=\"width:" + (value.Fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%;height:10px;background:" + (value.InProgress ? "#3182bd" : "#31a354") +
        ";border-radius:5px\"></div></div><span>" + WebUtility.HtmlEncode((value.InProgress ? "Embedding: " : "Embeddings ready: ") + value) + "</span></div>";

    private static string Bar(double fraction, int width)
    {
        var filled = (int)Math.Round(fraction * width);
        return "[" + new string('#', filled) + new string('-', width - filled) + "]";
    }

    private static Func<object, object?>? FindNotebookDisplay()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            foreach (var name in DisplayHosts)
            {
                var method = assembly.GetType(name, throwOnError: false)?.GetMethod("display", BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(string[])]);
                if (method is not null)
                    return value => method.Invoke(null, [value, new[] { "text/html" }]);
            }
        }
        return null;
    }

    /// <summary>Markup that the notebook formatters show as HTML.</summary>
    public sealed record HtmlString(string Value)
    {
        /// <inheritdoc />
        public override string ToString() => Value;
    }
}
