using Markdig;

namespace Sly.Notebooks;

/// <summary>Markdown to HTML with Markdig's extensions (pipe tables, task lists, auto-links, emphasis extras, …).</summary>
internal static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);
}
