using System.IO.Compression;

namespace Sly.Interactive.Visuals.Plotly;

/// <summary>
/// plotly.js for pages with no internet. The kit carries plotly.js (from the Plotly.Blazor package's static assets) and
/// puts it on a notebook page once, in the output of the cell that loads the kit (<see cref="LoaderHtml"/>): gzip-compressed
/// and unpacked by the browser, so a notebook carries about 1.4 MB instead of 4.9 MB. Charts wait for it, so clearing or
/// re-running a chart cell never loses it; clearing the cell that loaded the kit does, and charts then say so.
/// </summary>
public static class PlotlyScript
{
    private const string ResourceName = "Sly.Interactive.plotly.min.js";
    private static readonly Lazy<string> Script = new(ReadScript);
    private static readonly Lazy<string> Loader = new(BuildLoader);

    /// <summary>The plotly.js version carried.</summary>
    public static string Version { get; } = typeof(PlotlyScript).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "PlotlyJsVersion").Value!;

    /// <summary>plotly.js itself (minified), safe to put inside a script element.</summary>
    public static string Source => Script.Value;

    /// <summary>
    /// A hidden element whose script unpacks plotly.js into the page (window.Plotly) unless it is there already; the promise
    /// it leaves in window.__slyPlotly is what charts wait for.
    /// </summary>
    public static string LoaderHtml => Loader.Value;

    /// <summary>The script that draws the figure held in the element <paramref name="id"/>-figure into the element <paramref name="id"/>.</summary>
    internal static string DrawScript(string id) =>
        "(function(){var id='" + id + "',el=document.getElementById(id),fig=JSON.parse(document.getElementById(id+'-figure').textContent),tries=0;" +
        "function draw(P){P.newPlot(el,fig.data,fig.layout,fig.config);}" +
        "(function wait(){var w=window;if(w.Plotly&&w.Plotly.newPlot)return draw(w.Plotly);if(w.__slyPlotly)return w.__slyPlotly.then(draw);" +
        "if(++tries>100){el.textContent='plotly.js is not on this page: run the cell that loads Sly.Interactive (#r \"nuget: Sly.Interactive\") to draw this chart.';return;}" +
        "setTimeout(wait,100);})();})();";

    private static string ReadScript()
    {
        using var stream = typeof(PlotlyScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The kit was built without {ResourceName}.");
        using var reader = new StreamReader(stream);
        // A literal "</script" inside the bundle would end the element early.
        return reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }

    private static string BuildLoader()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var stream = typeof(PlotlyScript).Assembly.GetManifestResourceStream(ResourceName)!)
            stream.CopyTo(gzip);
        // The bundle is UMD: hiding module/exports/define makes it set window.Plotly even where require.js is on the page
        // (the .NET Interactive kernel puts it there).
        return "<div class=\"sly-plotly-loader\" data-plotly-version=\"" + Version + "\" style=\"display:none\"></div>" +
               "<script type=\"text/javascript\">(function(){var w=window;if((w.Plotly&&w.Plotly.newPlot)||w.__slyPlotly)return;" +
               "var b=atob('" + Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length) + "'),a=new Uint8Array(b.length);" +
               "for(var i=0;i<b.length;i++)a[i]=b.charCodeAt(i);" +
               "w.__slyPlotly=new Response(new Blob([a]).stream().pipeThrough(new DecompressionStream('gzip'))).text()" +
               ".then(function(src){(new Function('module','exports','define',src))();return w.Plotly;});})();</script>";
    }
}
