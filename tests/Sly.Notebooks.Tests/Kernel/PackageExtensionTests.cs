using Microsoft.DotNet.Interactive.Documents;
using Sly.Notebooks.Running;

namespace Sly.Notebooks.Tests.Kernel;

/// <summary>#i and #r "nuget:" through the kernel's PackageManagement, and a package's extension.dib run after the restore.</summary>
[Collection(NotebookRuns.Name)]
public sealed class PackageExtensionTests(LocalFeed feed) : IClassFixture<LocalFeed>
{
    [Fact]
    public async Task A_package_from_a_local_feed_is_restored_and_its_extension_script_runs_once()
    {
        var notebook = TestNotebooks.Create(
            $"#i \"nuget: {feed.FeedFolder}\"\n#r \"nuget: {LocalFeed.PackageId}, {feed.Version}\"",
            "TestLib.Greeter.Hello(\"notebook\")",
            "new TestLib.Money(12.5m)",
            $"#r \"nuget: {LocalFeed.PackageId}, {feed.Version}\"\nTestLib.Greeter.ExtensionRuns.ToString()");

        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions
        {
            WorkingDirectory = feed.NotebookFolder,
            // a private packages folder: the test leaves nothing in the user's NuGet cache
            EnvironmentVariables = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = feed.PackagesFolder },
        }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.ErrorValue);
        var restore = notebook.Elements[0].Outputs.OfType<DisplayElement>().SelectMany(d => d.Data.Values.OfType<string>()).ToList();
        Assert.Contains(restore, line => line.Contains("Installed Packages", StringComparison.Ordinal) || line.Contains(LocalFeed.PackageId, StringComparison.Ordinal));
        Assert.Contains(restore, line => line.StartsWith("Loading extension script from `", StringComparison.Ordinal) && line.Contains("extension.dib", StringComparison.Ordinal));
        Assert.Equal("Hello, notebook!", Assert.IsType<ReturnValueElement>(notebook.Elements[1].Outputs[0]).Text());
        Assert.Equal("<b>12.5 EUR</b>", Assert.IsType<ReturnValueElement>(notebook.Elements[2].Outputs[0]).Text("text/html"));
        Assert.Equal("1", Assert.IsType<ReturnValueElement>(notebook.Elements[3].Outputs.OfType<ReturnValueElement>().Single()).Text());
        Assert.True(Directory.Exists(Path.Combine(feed.PackagesFolder, LocalFeed.PackageId.ToLowerInvariant())));
    }

    [Fact]
    public async Task A_package_that_cannot_be_found_fails_the_cell_with_nugets_message()
    {
        var notebook = TestNotebooks.Create("#r \"nuget: Sly.No.Such.Package.Anywhere, 9.9.9\"", "\"after\"");

        var result = await NotebookRunner.RunAsync(notebook, new NotebookRunOptions
        {
            WorkingDirectory = feed.NotebookFolder,
            EnvironmentVariables = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = feed.PackagesFolder },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(0, result.FailedCellIndex);
        Assert.Contains("Sly.No.Such.Package.Anywhere", result.Error?.ErrorValue ?? "", StringComparison.Ordinal);
        Assert.Empty(notebook.Elements[1].Outputs);
    }
}
