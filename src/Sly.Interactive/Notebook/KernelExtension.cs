using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Sly.Api;
using Sly.Interactive.Projects;
using Sly.Interactive.Visuals;
using Sly.Interactive.Visuals.Plotly;

namespace Sly.Interactive.Notebook;

/// <summary>
/// What loading the package does in a .NET Interactive kernel: the package's interactive-extensions/dotnet/extension.dib
/// calls <see cref="Load"/> after <c>#r "nuget: Sly.Interactive"</c>. It registers the kit's HTML formatters (DataFrame
/// table, gallery, plotly figures, image lists, embeddings progress), gives the kit the kernel's display for outputs
/// that update in place, and puts plotly.js on the page once. This is the only type of the kit that touches the kernel's
/// assemblies; the package does not depend on them, since every kernel carries its own.
/// </summary>
public static class KernelExtension
{
    private static readonly string[] HtmlThenText = [HtmlFormatter.MimeType, PlainTextFormatter.MimeType];

    /// <summary>Registers the formatters and the display, and shows the plotly.js loader in the running cell.</summary>
    public static void Load()
    {
        Register<DataFrame>(frame => DataFrameHtml.Render(frame), frame => frame.ToString());
        Register<Gallery>(gallery => gallery.ToHtml(), gallery => gallery.ToString());
        Register<PlotlyFigure>(figure => figure.ToHtml(), figure => figure.ToString());
        Register<IEnumerable<ImageInfo>>(images => DataFrameHtml.Render(images.ToDataFrame()), images => images.ToDataFrame().ToString());
        Register<EmbeddingsProgress>(EmbeddingsProgressDisplay.Html, progress => progress.ToString());
        NotebookDisplay.Attach(new KernelDisplay());
        if (KernelInvocationContext.Current is { } context)
        {
            context.Publish(new DisplayedValueProduced(PlotlyScript.LoaderHtml, context.Command,
                [new FormattedValue(HtmlFormatter.MimeType, PlotlyScript.LoaderHtml), new FormattedValue(PlainTextFormatter.MimeType, $"plotly.js {PlotlyScript.Version} loaded for this page")]));
        }
    }

    private static void Register<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlThenText);
    }
}
