using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Sly.Interactive.Notebook;

/// <summary>
/// Displays through the kernel's events. The kernel's own <c>display(x).Update(y)</c> publishes the update under a different
/// value id than the display (1.0.0-beta.26120.1), so Jupyter front ends never apply it; publishing both events with one
/// id makes the output update in place in Jupyter, VS Code and headless runs.
/// </summary>
internal sealed class KernelDisplay : INotebookDisplay
{
    private static readonly string[] MimeTypes = [HtmlFormatter.MimeType, PlainTextFormatter.MimeType];

    public ILiveOutput Display(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var context = KernelInvocationContext.Current
            ?? throw new InvalidOperationException("There is no running cell to display in: call this from a notebook cell.");
        var output = new LiveOutput(context, Guid.NewGuid().ToString("N"));
        context.Publish(new DisplayedValueProduced(value, context.Command, FormattedValue.CreateManyFromObject(value, MimeTypes), output.ValueId));
        return output;
    }

    private sealed class LiveOutput(KernelInvocationContext context, string valueId) : ILiveOutput
    {
        public string ValueId => valueId;

        public void Update(object value)
        {
            ArgumentNullException.ThrowIfNull(value);
            context.Publish(new DisplayedValueUpdated(value, valueId, context.Command, FormattedValue.CreateManyFromObject(value, MimeTypes)));
        }
    }
}
