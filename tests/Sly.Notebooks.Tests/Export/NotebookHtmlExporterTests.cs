using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using Sly.Notebooks.Export;
using Sly.Notebooks.Running;

namespace Sly.Notebooks.Tests.Export;

[Collection(NotebookRuns.Name)]
public sealed class NotebookHtmlExporterTests
{
    private static async Task<InteractiveDocument> Executed(params string[] cells)
    {
        var notebook = TestNotebooks.Create(cells);
        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions { AllowErrors = true, WorkingDirectory = Path.GetTempPath() },
            TestContext.Current.CancellationToken);
        return result.Notebook;
    }

    [Fact]
    public async Task Code_is_escaped_and_outputs_are_included()
    {
        var notebook = await Executed(
            "# Report <1>\n\nSome *emphasis* and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |",
            "var tag = \"<script>alert(1)</script>\";\nConsole.WriteLine(tag);\ndisplay(HTML(\"<b class='mine'>html output</b>\"));\nif (1 < 2) { }\n\"a & b\"",
            "throw new InvalidOperationException(\"it <broke>\");");

        var html = NotebookHtmlExporter.ToHtml(notebook);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Report &lt;1&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"generator\" content=\"Sly.Notebooks ", html, StringComparison.Ordinal);
        Assert.Contains("<em>emphasis</em>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("var tag = &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;;", html, StringComparison.Ordinal);
        Assert.Contains("if (1 &lt; 2) { }", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("<pre>&lt;script&gt;alert(1)&lt;/script&gt;\n</pre>", html, StringComparison.Ordinal);
        Assert.Contains("<b class='mine'>html output</b>", html, StringComparison.Ordinal);
        Assert.Contains("<pre>a &amp; b</pre>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"output error\"><pre><strong>Error</strong>: System.InvalidOperationException: it &lt;broke&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"prompt\">[1]</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_are_inline_and_nothing_is_loaded_from_elsewhere()
    {
        const string png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        using var folder = new TemporaryFolder();
        File.WriteAllBytes(folder.File("local.png"), Convert.FromBase64String(png));
        var notebook = TestNotebooks.Create("# Plot\n\n![local](local.png)", "plot()");
        notebook.Elements[1].Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["image/png"] = png[..20] + "\n" + png[20..], ["text/plain"] = "<Figure>" }));
        notebook.Elements[1].Outputs.Add(new TextElement("\u001b[31mred\u001b[0m text", "stderr"));

        var html = NotebookHtmlExporter.ToHtml(notebook, baseDirectory: folder.Path);

        Assert.Equal(2, Regex.Matches(html, Regex.Escape($"src=\"data:image/png;base64,{png}\"")).Count);
        Assert.DoesNotContain("&lt;Figure&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"output stream stderr\"><pre>red text</pre></div>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Fact]
    public void Export_writes_a_file()
    {
        using var folder = new TemporaryFolder();
        var notebook = TestNotebooks.Create("# text");

        NotebookHtmlExporter.WriteFile(notebook, folder.File("out/page.html"), title: "Given");

        Assert.Contains("<title>Given</title>", File.ReadAllText(folder.File("out/page.html")), StringComparison.Ordinal);
    }
}
