namespace Sly.Benchmarks;

/// <summary>Finds inputs the benchmarks share with the tests: the repository root and ../shared beside it.</summary>
public static class BenchmarkFiles
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Shared(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", relativePath));
        if (!File.Exists(path))
            throw new FileNotFoundException($"The benchmark needs {path} (../shared beside the checkout).", path);
        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln")))
                return dir.FullName;
        }
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Notebooks.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
