using Sly.Testing;

namespace Sly.Generators.Tests.Infrastructure;

/// <summary>
/// Sly.Generators packed once per test run into a local feed, as a package consumer gets it. Shared, so that two tests
/// never pack the same project at the same time.
/// </summary>
internal static class GeneratorPackage
{
    private static readonly Lazy<(string Feed, string Version)> Packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Feed => Packed.Value.Feed;

    public static string Version => Packed.Value.Version;

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static ProcessRunner.Result Dotnet(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run("dotnet", arguments, workingDirectory, Timeout, new Dictionary<string, string>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            // Outside the repository: its Directory.*.props and global.json must not apply.
            ["MSBuildEnableWorkloadResolver"] = "false",
        });

    /// <summary>A nuget.config naming the feed (nuget.org stays the default source for Refit).</summary>
    public static void WriteNugetConfig(string directory) => File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
        <configuration>
          <packageSources>
            <add key="sly-test-feed" value="{Feed}" />
          </packageSources>
        </configuration>
        """);

    private static (string, string) Pack()
    {
        var feed = Directory.CreateTempSubdirectory("sly-gen-feed-").FullName;
        var version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var project = Path.Combine(Prerequisite.RepoRoot, "src", "Sly.Generators", "Sly.Generators.csproj");
        Dotnet(feed, "pack", project, "-c", "Release", "-o", feed, "-p:Version=" + version).EnsureSuccess("dotnet pack");
        return (feed, version);
    }
}
