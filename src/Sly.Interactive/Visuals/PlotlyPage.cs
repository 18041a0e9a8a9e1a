using System.Reflection;

namespace Sly.Interactive.Visuals;

/// <summary>
/// Puts plotly.js on a page once, inline, so charts render with no internet: Plotly.NET 6 embeds plotly-2.28.0.min.js,
/// and the first chart of a page carries it; later charts reuse the global Plotly. A notebook runner calls
/// <see cref="BeginPage"/> when it starts a notebook.
/// </summary>
public static class PlotlyPage
{
    private static readonly Lazy<string> Script = new(() =>
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal) && n.Contains("plotly", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        // A literal "</script>" inside would end the tag early; plotly's minified code has none, but be safe.
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    });

    private static int _included;

    /// <summary>The plotly.js version inlined.</summary>
    public static string Version => "2.28.0";

    /// <summary>A new page (notebook) starts: the next chart carries plotly.js again.</summary>
    public static void BeginPage() => Interlocked.Exchange(ref _included, 0);

    /// <summary>The inline script on the first call of a page, then an empty string.</summary>
    public static string ScriptOnce() =>
        Interlocked.Exchange(ref _included, 1) == 0 ? "<script type=\"text/javascript\">/* plotly.js " + Version + " */" + Script.Value + "</script>" : "";

    /// <summary>A chart as HTML for the current page.</summary>
    public static string Html(Plotly.NET.GenericChart chart) => ScriptOnce() + Plotly.NET.GenericChart.toChartHTML(chart);

    /// <summary>A complete standalone HTML document with the chart (plotly.js inline).</summary>
    public static string Document(Plotly.NET.GenericChart chart, string title = "Chart") =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + System.Net.WebUtility.HtmlEncode(title) + "</title>" +
        "<script type=\"text/javascript\">" + Script.Value + "</script></head><body>" + Plotly.NET.GenericChart.toChartHTML(chart) + "</body></html>";
}
