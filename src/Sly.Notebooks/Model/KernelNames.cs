namespace Sly.Notebooks;

/// <summary>
/// The kernel names and aliases Polyglot Notebooks knows, used to read <c>#!name</c> cell selectors in .dib files and
/// to decide which cells the C# engine runs.
/// </summary>
internal static class KernelNames
{
    public const string CSharp = "csharp";
    public const string Markdown = "markdown";
    public const string Html = "html";

    private static readonly Dictionary<string, string> Canonical = new(StringComparer.Ordinal)
    {
        ["csharp"] = CSharp, ["c#"] = CSharp, ["C#"] = CSharp, ["cs"] = CSharp,
        ["fsharp"] = "fsharp", ["f#"] = "fsharp", ["F#"] = "fsharp",
        ["pwsh"] = "pwsh", ["powershell"] = "pwsh",
        ["javascript"] = "javascript", ["js"] = "javascript",
        ["html"] = Html,
        ["markdown"] = Markdown, ["md"] = Markdown,
        ["mermaid"] = "mermaid",
        ["sql"] = "sql",
        ["kql"] = "kql",
        ["http"] = "http",
        ["value"] = "value",
        ["python"] = "python",
    };

    /// <summary>The canonical kernel name for a name or alias (<c>C#</c> → <c>csharp</c>), or null when unknown.</summary>
    public static string? Normalize(string? nameOrAlias)
    {
        if (string.IsNullOrWhiteSpace(nameOrAlias))
            return null;
        var trimmed = nameOrAlias.Trim();
        if (Canonical.TryGetValue(trimmed, out var name))
            return name;
        return Canonical.TryGetValue(trimmed.ToLowerInvariant(), out name) ? name : null;
    }

    /// <summary>Whether the canonical name (or null, meaning the notebook's default) means C#.</summary>
    public static bool IsCSharp(string? language) => language is null || Normalize(language) == CSharp;
}
