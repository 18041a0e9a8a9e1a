namespace Sly.Testing;

/// <summary>
/// Finds what a test needs from outside the repository (the ../shared folder, a program such as chromium).
/// When it is missing the test is skipped with the reason, unless SLY_REQUIRE_ALL=1 (set by CI), where it fails.
/// </summary>
internal static class Prerequisite
{
    public static bool RequireAll => Environment.GetEnvironmentVariable("SLY_REQUIRE_ALL") == "1";

    /// <summary>The repository root: the folder holding Notebooks.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A file under ../shared beside the repository, or a skip (a failure under SLY_REQUIRE_ALL=1).</summary>
    public static string SharedFile(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", relativePath));
        if (!File.Exists(path))
            Missing($"{path} is absent (../shared is not beside this checkout)");
        return path;
    }

    /// <summary>A program on PATH, or a skip (a failure under SLY_REQUIRE_ALL=1).</summary>
    public static string Program(string name, string installHint)
    {
        if (Locate(name) is { } path)
            return path;
        Missing($"'{name}' is not on PATH ({installHint})");
        return name;
    }

    /// <summary>A program on PATH or among the global .NET tools (~/.dotnet/tools), or null.</summary>
    public static string? Locate(string name)
    {
        var tools = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append(tools))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>PATH with the global .NET tools folder on it, for programs that start a tool by name (jupyter starts `dotnet interactive`).</summary>
    public static string PathWithDotnetTools() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");

    public static void Missing(string reason)
    {
        if (RequireAll)
            Assert.Fail($"SLY_REQUIRE_ALL=1 and a prerequisite is missing: {reason}");
        Assert.Skip(reason);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Notebooks.sln not found above {AppContext.BaseDirectory}");
    }
}
