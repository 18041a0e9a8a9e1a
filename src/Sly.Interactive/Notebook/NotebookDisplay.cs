namespace Sly.Interactive.Notebook;

/// <summary>
/// The notebook the kit is loaded into, if any: set by <see cref="KernelExtension"/> when a .NET Interactive kernel loads
/// the package, null in a console program (where the kit writes to the console instead).
/// </summary>
public static class NotebookDisplay
{
    private static INotebookDisplay? _current;

    /// <summary>The running kernel's display, or null outside a notebook.</summary>
    public static INotebookDisplay? Current => Volatile.Read(ref _current);

    internal static void Attach(INotebookDisplay display) => Volatile.Write(ref _current, display);
}
