using Sly.Notebooks.Execution;
using Sly.Notebooks.Packages;

namespace Sly.Notebooks.Tests.Execution;

/// <summary>#r "nuget: …" with a real restore against a local feed, package extensions, and #r "path.dll".</summary>
public sealed class PackageReferenceTests(LocalFeed feed) : IClassFixture<LocalFeed>
{
    private NotebookSession NewSession() => new(new NotebookSessionOptions
    {
        WorkingDirectory = feed.NotebookFolder,
        SetCurrentDirectory = false,
        EnvironmentVariables = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = feed.PackagesFolder },
    });

    [Fact]
    public async Task A_package_from_a_relative_local_feed_is_restored_loaded_and_its_extension_run()
    {
        using var session = NewSession();
        var token = TestContext.Current.CancellationToken;

        var load = await session.ExecuteAsync($"""
            #i "nuget: feed"
            #r "nuget: {LocalFeed.PackageId}, *-*"
            TestLib.Greeter.Hello("notebook")
            """, token);
        var formatted = await session.ExecuteAsync("new TestLib.Money(5)", token);
        var runs = await session.ExecuteAsync("TestLib.Greeter.ExtensionRuns", token);
        var again = await session.ExecuteAsync($"#r \"nuget: {LocalFeed.PackageId}, *-*\"\nTestLib.Greeter.ExtensionRuns", token);

        Assert.True(load.Status == CellExecutionStatus.Succeeded, load.Error?.EValue);
        Assert.Equal("Hello, notebook!", Assert.IsType<ExecuteResultOutput>(Assert.Single(load.Outputs)).GetText("text/plain"));
        var package = Assert.Single(session.Packages);
        Assert.Equal((LocalFeed.PackageId, feed.Version), (package.Name, package.Version));
        Assert.StartsWith(feed.PackagesFolder, package.PackageRoot, StringComparison.Ordinal);
        Assert.NotNull(package.ExtensionScript);
        Assert.Equal("<b>5 EUR</b>", Assert.IsType<ExecuteResultOutput>(Assert.Single(formatted.Outputs)).GetText("text/html"));
        // the extension ran when the package loaded, and not again when the cell asked for the same package
        var runCount = Assert.IsType<ExecuteResultOutput>(Assert.Single(runs.Outputs)).GetText("text/plain");
        Assert.NotEqual("0", runCount);
        Assert.Equal(runCount, Assert.IsType<ExecuteResultOutput>(Assert.Single(again.Outputs)).GetText("text/plain"));
    }

    [Fact]
    public async Task The_notebook_folders_nuget_config_sources_are_used()
    {
        var folder = Path.Combine(feed.NotebookFolder, "configured");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="test-feed" value="../feed" />
              </packageSources>
            </configuration>
            """);
        using var session = new NotebookSession(new NotebookSessionOptions
        {
            WorkingDirectory = folder,
            SetCurrentDirectory = false,
            EnvironmentVariables = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = feed.PackagesFolder },
        });

        var result = await session.ExecuteAsync($"#r \"nuget: {LocalFeed.PackageId}, {feed.Version}\"\nTestLib.Greeter.Hello(\"config\")", TestContext.Current.CancellationToken);

        Assert.True(result.Status == CellExecutionStatus.Succeeded, result.Error?.EValue);
        Assert.Equal("Hello, config!", Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs)).GetText("text/plain"));
    }

    [Fact]
    public async Task A_dll_referenced_by_a_path_relative_to_the_notebook_is_usable()
    {
        using var session = NewSession();

        var result = await session.ExecuteAsync("#r \"lib/TestLib.dll\"\nTestLib.Greeter.Hello(\"dll\")", TestContext.Current.CancellationToken);

        Assert.True(result.Status == CellExecutionStatus.Succeeded, result.Error?.EValue);
        Assert.Equal("Hello, dll!", Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs)).GetText("text/plain"));
    }

    [Fact]
    public async Task A_missing_dll_or_feed_folder_fails_with_the_path()
    {
        using var session = NewSession();

        var dll = await session.ExecuteAsync("#r \"lib/Nope.dll\"", TestContext.Current.CancellationToken);
        var folder = await session.ExecuteAsync("#i \"nuget: no-such-feed\"", TestContext.Current.CancellationToken);

        Assert.Equal("FileNotFoundException", dll.Error?.EName);
        Assert.Contains(Path.Combine(feed.NotebookFolder, "lib", "Nope.dll"), dll.Error!.EValue, StringComparison.Ordinal);
        Assert.Equal(nameof(PackageRestoreException), folder.Error?.EName);
        Assert.Contains(Path.Combine(feed.NotebookFolder, "no-such-feed"), folder.Error!.EValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_that_cannot_be_found_gives_an_error_output_with_nugets_message()
    {
        using var session = NewSession();
        var missing = "Sly.Notebooks.Missing" + Guid.NewGuid().ToString("N")[..8];

        var result = await session.ExecuteAsync($"#i \"nuget: feed\"\n#r \"nuget: {missing}, 1.0.0\"\n1", TestContext.Current.CancellationToken);

        Assert.Equal(CellExecutionStatus.Failed, result.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Equal(nameof(PackageRestoreException), error.EName);
        Assert.Contains(missing, error.EValue, StringComparison.Ordinal);
        Assert.Contains("NU1", error.EValue, StringComparison.Ordinal);
    }
}
