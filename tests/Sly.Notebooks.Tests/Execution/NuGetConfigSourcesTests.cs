using Sly.Notebooks.Packages;

namespace Sly.Notebooks.Tests.Execution;

public sealed class NuGetConfigSourcesTests
{
    private static void Config(string folder, string sources)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"<configuration><packageSources>{sources}</packageSources></configuration>");
    }

    [Fact]
    public void Sources_are_collected_upwards_until_a_clear_with_relative_paths_made_absolute()
    {
        using var root = new TemporaryFolder();
        Config(root.File("a"), "<add key='top' value='https://top.invalid/index.json' />");
        Config(root.File("a/b"), "<clear /><add key='mid' value='feeds/mid' />");
        Config(root.File("a/b/c"), "<add key='near' value='../near' />");

        var sources = NuGetConfigSources.For(root.File("a/b/c"));

        Assert.Equal([root.File("a/b/near"), root.File("a/b/feeds/mid")], sources);
    }

    [Fact]
    public void The_generated_project_lists_packages_and_extra_sources_and_ignores_the_repositorys_props()
    {
        var xml = NuGetRestorer.ProjectXml([new("A.B", null), new("C", "[1.0,2.0)")], ["/feeds/x", "https://y.invalid/index.json"]);

        Assert.Contains("<PackageReference Include=\"A.B\" Version=\"*\" />", xml, StringComparison.Ordinal);
        Assert.Contains("<PackageReference Include=\"C\" Version=\"[1.0,2.0)\" />", xml, StringComparison.Ordinal);
        Assert.Contains("<RestoreAdditionalProjectSources>/feeds/x;https://y.invalid/index.json</RestoreAdditionalProjectSources>", xml, StringComparison.Ordinal);
        Assert.Contains("<ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>", xml, StringComparison.Ordinal);
        Assert.Contains($"<TargetFramework>net{Environment.Version.Major}.0</TargetFramework>", xml, StringComparison.Ordinal);
    }
}
