namespace Sly.Cli;

/// <summary>Finds the checkout: the folder holding Notebooks.sln, above the current directory or the program.</summary>
internal static class RepositoryRoot
{
    public const string SolutionFile = "Notebooks.sln";

    /// <summary>The first folder above any of <paramref name="starts"/> that holds Notebooks.sln, or null.</summary>
    public static string? Find(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                    return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The checkout above the current directory or the program, or an exception saying how to get one.</summary>
    public static string Require() =>
        Find(Environment.CurrentDirectory, AppContext.BaseDirectory)
        ?? throw new CliException($"{SolutionFile} was not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; run `sly demo` from inside the Sly Notebooks checkout.");
}
