using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using Sly.Notebooks.Documents;

namespace Sly.Notebooks.Export;

/// <summary>
/// Renders a notebook as one self-contained HTML page: markdown cells as HTML, code cells with their source (escaped,
/// monospace) and outputs — <c>text/html</c> inserted as is (it comes from the notebook's own formatters; the kit's
/// charts draw with the plotly.js its extension put into the page), images as <c>data:</c> URIs, text escaped in
/// <c>&lt;pre&gt;</c>, errors styled. Local images that markdown cells link to are embedded too; the page loads nothing
/// from anywhere. nbconvert's HTML export needs Python; this one is for the headless runner, which has none.
/// </summary>
public static partial class NotebookHtmlExporter
{
    private static readonly string[] RichOrder =
        ["text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/webp", "text/markdown", "text/latex", "application/json", "text/plain"];

    /// <summary>The HTML page of a notebook.</summary>
    /// <param name="notebook">The notebook, usually an executed one.</param>
    /// <param name="title">The page title; by default the first markdown heading, else "Notebook".</param>
    /// <param name="baseDirectory">The notebook's folder, for embedding images that markdown cells link to by relative path; none are embedded when null.</param>
    public static string ToHtml(InteractiveDocument notebook, string? title = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"").Append(Encode(Generator)).Append("\">\n")
            .Append("<title>").Append(Encode(title ?? TitleOf(notebook))).Append("</title>\n")
            .Append("<style>\n").Append(Stylesheet).Append("</style>\n</head>\n<body>\n<main class=\"notebook\">\n");
        foreach (var cell in notebook.Elements)
        {
            if (NotebookDocuments.IsMarkdown(notebook, cell))
                page.Append("<section class=\"cell markdown-cell\">\n").Append(EmbedImages(MarkdownRenderer.ToHtml(cell.Contents), baseDirectory)).Append("</section>\n");
            else
                WriteCodeCell(page, notebook, cell);
        }
        page.Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Writes the HTML page to a file (through a temporary file and a move).</summary>
    public static void WriteFile(InteractiveDocument notebook, string path, string? title = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        NotebookDocuments.WriteAtomically(path, ToHtml(notebook, title, baseDirectory));
    }

    /// <summary>The generator named in the page's <c>&lt;meta name="generator"&gt;</c>.</summary>
    public static string Generator { get; } =
        "Sly.Notebooks " + (typeof(NotebookHtmlExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(NotebookHtmlExporter).Assembly.GetName().Version?.ToString() ?? "0");

    private static void WriteCodeCell(StringBuilder page, InteractiveDocument notebook, InteractiveDocumentElement cell)
    {
        var prompt = cell.ExecutionOrder > 0 ? $"[{cell.ExecutionOrder}]" : "[ ]";
        page.Append("<section class=\"cell code-cell\">\n<div class=\"input\"><div class=\"prompt\">").Append(Encode(prompt))
            .Append("</div><pre class=\"source\"><code class=\"language-").Append(Encode(NotebookDocuments.KernelOf(notebook, cell))).Append("\">")
            .Append(Encode(cell.Contents)).Append("</code></pre></div>\n");
        if (cell.Outputs.Count > 0)
        {
            page.Append("<div class=\"outputs\">\n");
            foreach (var output in cell.Outputs)
                WriteOutput(page, output);
            page.Append("</div>\n");
        }
        page.Append("</section>\n");
    }

    private static void WriteOutput(StringBuilder page, InteractiveDocumentOutputElement output)
    {
        switch (output)
        {
            case TextElement stream:
                page.Append("<div class=\"output stream ").Append(Encode(stream.Name ?? "stdout")).Append("\"><pre>").Append(Encode(StripAnsi(stream.Text))).Append("</pre></div>\n");
                break;
            case ErrorElement error:
                page.Append("<div class=\"output error\"><pre><strong>").Append(Encode(error.ErrorName)).Append("</strong>: ")
                    .Append(Encode(StripAnsi(error.ErrorValue)));
                // the trace usually repeats the message: show it once
                var trace = (error.StackTrace ?? []).Where(line => line != error.ErrorValue).ToList();
                if (trace.Count > 0)
                    page.Append('\n').Append(Encode(StripAnsi(string.Join("\n", trace))));
                page.Append("</pre></div>\n");
                break;
            case ReturnValueElement result:
                page.Append("<div class=\"output result\">").Append(RenderBundle(result.Data)).Append("</div>\n");
                break;
            case DisplayElement display:
                page.Append("<div class=\"output display\">").Append(RenderBundle(display.Data)).Append("</div>\n");
                break;
        }
    }

    private static string RenderBundle(IDictionary<string, object> data)
    {
        var mime = RichOrder.FirstOrDefault(data.ContainsKey)
            ?? data.Keys.FirstOrDefault(key => key.StartsWith("text/", StringComparison.Ordinal));
        if (mime is null)
            return "<pre class=\"unsupported\">" + Encode($"(output in {string.Join(", ", data.Keys)})") + "</pre>";
        var text = TextOf(data[mime]);
        switch (mime)
        {
            case "text/html" or "image/svg+xml":
                return text;
            case "image/png" or "image/jpeg" or "image/gif" or "image/webp":
                return $"<img src=\"data:{mime};base64,{Whitespace().Replace(text, "")}\" alt=\"\">";
            case "text/markdown":
                return MarkdownRenderer.ToHtml(text);
            case "application/json":
                return "<pre class=\"json\">" + Encode(text) + "</pre>";
            default:
                return "<pre>" + Encode(StripAnsi(text)) + "</pre>";
        }
    }

    /// <summary>A MIME bundle value as text: a string, or a list of lines as .ipynb stores them, or JSON.</summary>
    private static string TextOf(object? value) => value switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        JsonElement { ValueKind: JsonValueKind.Array } lines when lines.EnumerateArray().All(l => l.ValueKind == JsonValueKind.String) =>
            string.Concat(lines.EnumerateArray().Select(l => l.GetString())),
        JsonElement element => JsonSerializer.Serialize(element, new JsonSerializerOptions { WriteIndented = true }),
        IEnumerable<string> lines => string.Concat(lines),
        IEnumerable items => string.Concat(items.Cast<object?>().Select(TextOf)),
        _ => value.ToString() ?? "",
    };

    /// <summary>Replaces relative local image paths in rendered markdown with data URIs.</summary>
    private static string EmbedImages(string html, string? baseDirectory) =>
        baseDirectory is null ? html : ImageSource().Replace(html, match =>
        {
            var source = WebUtility.HtmlDecode(match.Groups["src"].Value);
            if (source.Contains(':', StringComparison.Ordinal) || source.StartsWith("//", StringComparison.Ordinal))
                return match.Value;
            var path = Path.GetFullPath(Uri.UnescapeDataString(source), baseDirectory);
            return File.Exists(path) && ImageMime(path) is { } mime
                ? $"{match.Groups["before"].Value}data:{mime};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}{match.Groups["after"].Value}"
                : match.Value;
        });

    private static string? ImageMime(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".svg" => "image/svg+xml",
        ".webp" => "image/webp",
        _ => null,
    };

    private static string TitleOf(InteractiveDocument notebook)
    {
        foreach (var cell in notebook.Elements.Where(c => NotebookDocuments.IsMarkdown(notebook, c)))
        {
            var heading = cell.Contents.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith('#'));
            if (heading is not null)
                return heading.TrimStart('#').Trim();
        }
        return "Notebook";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string StripAnsi(string text) => AnsiEscape().Replace(text, "");

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("(?<before><img\\b[^>]*?\\bsrc=\")(?<src>[^\"]*)(?<after>\")", RegexOptions.IgnoreCase)]
    private static partial Regex ImageSource();

    private const string Stylesheet = """
        :root { --border: #d0d7de; --muted: #57606a; --code-bg: #f6f8fa; --error-bg: #fff0f0; --error: #b3261e; }
        body { margin: 0; font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; }
        main.notebook { max-width: 1100px; margin: 0 auto; padding: 24px 16px 64px; }
        .cell { margin: 12px 0; }
        .markdown-cell { line-height: 1.55; }
        .markdown-cell img { max-width: 100%; }
        .markdown-cell table, .output table { border-collapse: collapse; }
        .markdown-cell th, .markdown-cell td { border: 1px solid var(--border); padding: 4px 8px; }
        .input { display: flex; gap: 8px; align-items: flex-start; }
        .prompt { color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; min-width: 48px; padding-top: 10px; text-align: right; }
        pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; white-space: pre-wrap; word-break: break-word; margin: 0; }
        pre.source { flex: 1; background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 8px 12px; overflow-x: auto; }
        .outputs { margin-left: 56px; padding: 4px 0; }
        .output { margin: 4px 0; overflow-x: auto; }
        .output.stream pre { padding: 4px 0; }
        .output.stream.stderr pre { color: var(--error); }
        .output.error pre { background: var(--error-bg); color: var(--error); border-left: 3px solid var(--error); padding: 8px 12px; }
        .output img { max-width: 100%; }
        .raw-cell pre { color: var(--muted); }

        """;
}
