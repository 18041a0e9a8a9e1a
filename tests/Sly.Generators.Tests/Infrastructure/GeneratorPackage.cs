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

    /// <summary>
    /// A consumer's project file: net10.0, Nullable and implicit usings on, outside central package management.
    /// <paramref name="contract"/> consumes the packed generator and Refit; otherwise it is an app that references
    /// ../Contract and Refit.
    /// </summary>
    public static void WriteProject(string path, bool contract, string properties = "", string items = "")
    {
        var references = contract
            ? $"""<PackageReference Include="Sly.Generators" Version="{Version}" />"""
            : """<ProjectReference Include="../Contract/Contract.csproj" />""";
        File.WriteAllText(path, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                {(contract ? "" : "<OutputType>Exe</OutputType>")}
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
            {properties}
              </PropertyGroup>
              <ItemGroup>
                {references}
                <PackageReference Include="Refit" Version="16.4.0" />
            {items}
              </ItemGroup>
            </Project>
            """);
    }

    private static (string, string) Pack()
    {
        var feed = Directory.CreateTempSubdirectory("sly-gen-feed-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(feed, recursive: true);
        var version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var project = Path.Combine(Prerequisite.RepoRoot, "src", "Sly.Generators", "Sly.Generators.csproj");
        Dotnet(feed, "pack", project, "-c", "Release", "-o", feed, "-p:Version=" + version).EnsureSuccess("dotnet pack");
        return (feed, version);
    }
}
