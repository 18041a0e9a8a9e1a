namespace Sly.Notebooks.Execution;

/// <summary>
/// The session whose cell is running on this logical flow. Flows into tasks a cell starts, so their console writes
/// and displays reach the right session even when several sessions share the process.
/// </summary>
internal static class SessionContext
{
    private static readonly AsyncLocal<NotebookSession?> CurrentSession = new();

    public static NotebookSession? Current
    {
        get => CurrentSession.Value;
        set => CurrentSession.Value = value;
    }
}
