using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Sly.Interactive.Client;
using Sly.Testing;

namespace Sly.Interactive.Tests;

/// <summary>What the package's extension.dib does in a real .NET Interactive C# kernel.</summary>
public sealed class KernelExtensionTests : IDisposable
{
    private readonly CompositeKernel _kernel;

    public KernelExtensionTests()
    {
        var csharp = new CSharpKernel().UseKernelHelpers();
        csharp.AddAssemblyReferences([typeof(SlyApi).Assembly.Location, typeof(Microsoft.Data.Analysis.DataFrame).Assembly.Location]);
        _kernel = new CompositeKernel { csharp };
        _kernel.DefaultKernelName = csharp.Name;
    }

    public void Dispose() => _kernel.Dispose();

    [Fact]
    public async Task Loading_the_kit_puts_plotly_js_on_the_page_once_and_charts_then_carry_only_their_figure()
    {
        var load = await SubmitAsync(File.ReadAllText(Path.Combine(Prerequisite.RepoRoot, "src", "Sly.Interactive", "interactive-extensions", "dotnet", "extension.dib")).Replace("#!csharp", ""));
        var loader = Assert.Single(load.OfType<DisplayedValueProduced>());
        Assert.Contains("sly-plotly-loader", Html(loader));
        Assert.Contains("DecompressionStream('gzip')", Html(loader));

        var chart = await SubmitAsync("""Sly.Interactive.Visuals.Plotly.PlotlyFigure.From([new { type = "bar", x = new[] { "a", "b" }, y = new[] { 3, 5 } }], layout: new { title = new { text = "Counts" } })""");
        var value = Assert.Single(chart.OfType<ReturnValueProduced>());
        var trace = Assert.Single(PlotlyFigures.Traces(Html(value)));
        Assert.Equal(("bar", 5), ((string)trace["type"]!, (int)trace["y"]![1]!));
        Assert.DoesNotContain("plotly.js v", Html(value));
        Assert.Equal("Plotly figure 'Counts': 1 trace (bar)", value.FormattedValues.Single(v => v.MimeType == "text/plain").Value);

        var table = await SubmitAsync("""new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.StringDataFrameColumn("name", new[] { "<b>x</b>" }))""");
        var html = Html(Assert.Single(table.OfType<ReturnValueProduced>()));
        Assert.Contains("class=\"sly-dataframe\"", html);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
    }

    [Fact]
    public async Task Embeddings_progress_is_one_output_updated_in_place_under_one_value_id()
    {
        await SubmitAsync("Sly.Interactive.Notebook.KernelExtension.Load();");
        var events = await SubmitAsync("""
            var display = Sly.Interactive.Projects.EmbeddingsProgressDisplay.Create();
            display.Report(new Sly.Interactive.Projects.EmbeddingsProgress(1, true, 10, 100, 0, 5, TimeSpan.FromSeconds(18)));
            display.Report(new Sly.Interactive.Projects.EmbeddingsProgress(1, true, 60, 100, 0, 6, TimeSpan.FromSeconds(7)));
            display.Report(new Sly.Interactive.Projects.EmbeddingsProgress(1, false, 100, 100, 0, 6, null));
            display.InNotebook
            """);
        var shown = Assert.Single(events.OfType<DisplayedValueProduced>());
        var updates = events.OfType<DisplayedValueUpdated>().ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => Assert.Equal(shown.ValueId, u.ValueId));
        Assert.Equal("100/100 images (100%), 6 img/s", updates[^1].FormattedValues.Single(v => v.MimeType == "text/plain").Value);
        Assert.Contains("Embeddings ready", Html(updates[^1]));
        Assert.Equal(true, Assert.Single(events.OfType<ReturnValueProduced>()).Value);
    }

    private async Task<IReadOnlyList<KernelEvent>> SubmitAsync(string code)
    {
        var result = await _kernel.SendAsync(new SubmitCode(code), TestContext.Current.CancellationToken);
        var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failure is null, failure?.Message);
        return result.Events;
    }

    private static string Html(DisplayEvent e) => e.FormattedValues.Single(v => v.MimeType == "text/html").Value;
}
