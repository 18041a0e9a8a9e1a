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
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        Missing($"'{name}' is not on PATH ({installHint})");
        return name;
    }

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
