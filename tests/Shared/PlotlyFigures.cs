using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sly.Testing;

/// <summary>Reads the plotly.js figures a page or a notebook output carries (the kit writes each as a JSON script element).</summary>
internal static partial class PlotlyFigures
{
    /// <summary>Every figure in <paramref name="html"/>, as {data, layout, config}.</summary>
    public static List<JsonObject> In(string html) =>
        FigureElement().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject()).ToList();

    /// <summary>The traces of the single figure in <paramref name="html"/>.</summary>
    public static List<JsonObject> Traces(string html) => Assert.Single(In(html))["data"]!.AsArray().Select(t => t!.AsObject()).ToList();

    [GeneratedRegex("<script type=\"application/json\" class=\"sly-plotly-figure\"[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex FigureElement();
}
