using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sly.Interactive.Visuals.Plotly;

/// <summary>
/// A plotly.js figure — traces, layout and config exactly as plotly.js takes them (https://plotly.com/javascript/reference/)
/// — shown in a notebook as an interactive chart. The kit's charts are built this way, and so can yours:
/// <code>PlotlyFigure.From([new { type = "bar", x = new[] { "a", "b" }, y = new[] { 3, 5 } }], layout: new { title = new { text = "Counts" } })</code>
/// It needs no F# and no charting package, so it renders in every .NET Interactive host; plotly.js itself is loaded
/// once per page by the kit's kernel extension (see <see cref="PlotlyScript"/>).
/// </summary>
public sealed class PlotlyFigure
{
    private static readonly JsonSerializerOptions NodeOptions = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>A figure from plotly.js JSON: <paramref name="data"/> is the array of traces.</summary>
    public PlotlyFigure(JsonArray data, JsonObject? layout = null, JsonObject? config = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var trace in data)
        {
            if (trace is not JsonObject)
                throw new ArgumentException("Every trace must be a JSON object such as { \"type\": \"scatter\", \"x\": [...], \"y\": [...] }.", nameof(data));
        }
        Data = data;
        Layout = layout ?? [];
        Config = config ?? new JsonObject { ["displaylogo"] = false, ["responsive"] = true };
    }

    /// <summary>
    /// A figure from any objects that serialise to plotly.js JSON (anonymous objects, dictionaries, records): their
    /// property names are used as written, null properties are left out.
    /// </summary>
    public static PlotlyFigure From(IEnumerable<object> traces, object? layout = null, object? config = null)
    {
        ArgumentNullException.ThrowIfNull(traces);
        var data = new JsonArray();
        foreach (var trace in traces)
            data.Add(ToNode(trace, nameof(traces)));
        return new PlotlyFigure(data, layout is null ? null : ToNode(layout, nameof(layout)) as JsonObject
            ?? throw new ArgumentException("layout must serialise to a JSON object.", nameof(layout)),
            config is null ? null : ToNode(config, nameof(config)) as JsonObject ?? throw new ArgumentException("config must serialise to a JSON object.", nameof(config)));
    }

    /// <summary>The traces (plotly.js "data").</summary>
    public JsonArray Data { get; }

    /// <summary>The layout: title, axes, size, shapes…</summary>
    public JsonObject Layout { get; }

    /// <summary>plotly.js config: mode bar, responsiveness…</summary>
    public JsonObject Config { get; }

    /// <summary>The layout's title text, if any.</summary>
    public string? Title => Layout["title"] switch
    {
        JsonValue text => text.ToString(),
        JsonObject title => title["text"]?.ToString(),
        _ => null,
    };

    /// <summary>The figure as plotly.js JSON: {"data": […], "layout": {…}, "config": {…}}.</summary>
    public string ToJson() => new JsonObject
    {
        ["data"] = Data.DeepClone(),
        ["layout"] = Layout.DeepClone(),
        ["config"] = Config.DeepClone(),
    }.ToJsonString();

    /// <summary>
    /// A chart element for a page that has plotly.js (a notebook where the kit is loaded, or <see cref="ToStandaloneHtml"/>).
    /// It waits for the kit's loader if plotly.js is still being unpacked, and says what to do if there is none.
    /// </summary>
    public string ToHtml()
    {
        var id = "sly-plot-" + Guid.NewGuid().ToString("N");
        var width = Layout["width"] is JsonValue w && w.TryGetValue(out int pixels) ? pixels.ToString(CultureInfo.InvariantCulture) + "px" : "100%";
        var height = Layout["height"] is JsonValue h && h.TryGetValue(out int tall) ? tall.ToString(CultureInfo.InvariantCulture) + "px" : "450px";
        // The figure travels as JSON in its own script element: tests and tools read it back without running JavaScript,
        // and System.Text.Json escapes '<', so no string in it can close the element.
        return new StringBuilder()
            .Append("<div class=\"sly-plotly\" id=\"").Append(id).Append("\" style=\"width:").Append(width).Append(";max-width:100%;height:").Append(height).Append("\"></div>")
            .Append("<script type=\"application/json\" class=\"sly-plotly-figure\" id=\"").Append(id).Append("-figure\">").Append(ToJson()).Append("</script>")
            .Append("<script type=\"text/javascript\">").Append(PlotlyScript.DrawScript(id)).Append("</script>")
            .ToString();
    }

    /// <summary>A complete HTML document with plotly.js inlined, for a browser with no notebook (works offline).</summary>
    public string ToStandaloneHtml() =>
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(Title ?? "Chart") + "</title>" +
        "<script type=\"text/javascript\">" + PlotlyScript.Source + "</script></head><body>" + ToHtml() + "</body></html>";

    /// <summary>Writes <see cref="ToStandaloneHtml"/> to <paramref name="path"/>.</summary>
    public void SaveHtml(string path) => File.WriteAllText(path, ToStandaloneHtml());

    /// <summary>e.g. "Plotly figure 'Search scores': 1 trace (histogram)".</summary>
    public override string ToString()
    {
        var types = Data.Select(t => t?["type"]?.ToString() ?? "scatter").Distinct().ToList();
        return $"Plotly figure{(Title is { } title ? $" '{title}'" : "")}: {Data.Count} trace{(Data.Count == 1 ? "" : "s")} ({string.Join(", ", types)})";
    }

    private static JsonNode ToNode(object value, string parameter) =>
        value as JsonNode ?? JsonSerializer.SerializeToNode(value, value.GetType(), NodeOptions)
        ?? throw new ArgumentException("A null value cannot be a trace, layout or config.", parameter);
}
