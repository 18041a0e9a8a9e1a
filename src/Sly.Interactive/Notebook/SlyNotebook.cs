using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using Sly.Api;
using Sly.Interactive.Visuals;

namespace Sly.Interactive.Notebook;

/// <summary>
/// Registers the kit's text/html formatters with Microsoft.DotNet.Interactive.Formatting: DataFrame (paged table),
/// Plotly GenericChart (plotly.js inline once per page), Gallery, and lists of image infos (as a table). Runs by itself
/// from interactive-extensions/dotnet/extension.dib when the package is loaded with #r "nuget: Sly.Interactive";
/// the Sly notebook runner calls it too. Safe to call more than once.
/// </summary>
public static class SlyNotebook
{
    private static int _registered;

    /// <summary>Registers the formatters once.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        Formatter.Register<DataFrame>((frame, writer) => writer.Write(DataFrameHtml.Render(frame)), HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(PlotlyPage.Html(chart)), HtmlFormatter.MimeType);
        Formatter.Register<Gallery>((gallery, writer) => writer.Write(gallery.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<IEnumerable<ImageInfo>>((images, writer) => writer.Write(DataFrameHtml.Render(images.ToDataFrame())), HtmlFormatter.MimeType);
        Formatter.Register<Projects.EmbeddingsProgressDisplay.HtmlString>((html, writer) => writer.Write(html.Value), HtmlFormatter.MimeType);
        Formatter.Register<Gallery>((gallery, writer) => writer.Write(gallery.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<GenericChart>((_, writer) => writer.Write("Plotly chart (open as HTML to see it)"), PlainTextFormatter.MimeType);
    }
}
