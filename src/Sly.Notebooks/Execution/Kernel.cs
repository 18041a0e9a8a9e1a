using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Html;
using Sly.Notebooks.Execution;

namespace Sly.Notebooks;

/// <summary>
/// The helpers a .NET Interactive C# cell can call without qualification: every session imports them with
/// <c>using static Sly.Notebooks.Kernel;</c>, as the C# kernel imports <c>Microsoft.DotNet.Interactive.Kernel</c>.
/// </summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "display is the name notebooks call, as in .NET Interactive.")]
public static class Kernel
{
    /// <summary>
    /// Shows a value in the running cell's output, rendered by the registered formatters (<c>text/html</c> and
    /// <c>text/plain</c>, or just the MIME types given), and returns a handle that can replace it later.
    /// </summary>
    /// <param name="value">The value to show.</param>
    /// <param name="mimeTypes">The MIME types to render; by default those .NET Interactive would choose.</param>
    /// <returns>A handle whose <see cref="DisplayedValue.Update"/> replaces what is shown.</returns>
    /// <remarks>Outside a notebook session the plain-text rendering is written to the console.</remarks>
    public static DisplayedValue display(object? value, params string[] mimeTypes)
    {
        ArgumentNullException.ThrowIfNull(mimeTypes);
        var cell = SessionContext.Current?.CellForOutput;
        var displayId = Guid.NewGuid().ToString("N");
        var data = ValueRenderer.Render(value, mimeTypes);
        if (cell is null)
        {
            Console.WriteLine(MimeBundleText.Join(data[ValueRenderer.PlainText]) ?? value?.ToString());
            return new DisplayedValue(displayId, mimeTypes, null, null);
        }
        var output = cell.Display(data, displayId);
        return new DisplayedValue(displayId, mimeTypes, cell, output);
    }

    /// <summary>Marks a string as HTML, so <c>display(HTML("&lt;b&gt;hi&lt;/b&gt;"))</c> or a trailing <c>HTML(…)</c> shows it as <c>text/html</c>.</summary>
    public static IHtmlContent HTML(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return new HtmlString(html);
    }
}
