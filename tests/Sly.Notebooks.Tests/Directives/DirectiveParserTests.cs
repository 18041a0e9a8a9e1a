using Sly.Notebooks.Directives;

namespace Sly.Notebooks.Tests.Directives;

public sealed class DirectiveParserTests
{
    private static readonly string NotebookFolder = Path.Combine(Path.GetTempPath(), "notebooks", "project");

    [Fact]
    public void Nuget_references_with_and_without_version()
    {
        var parsed = DirectiveParser.Parse("""
            #r "nuget: Plotly.NET, 6.0.0"
            #r "nuget:Microsoft.Data.Analysis"
              #r "nuget: Sly.Interactive, *-*"
            #r "nuget: Ranged, [1.0,2.0)"
            """, NotebookFolder);

        Assert.Equal(
            [new("Plotly.NET", "6.0.0"), new("Microsoft.Data.Analysis", null), new("Sly.Interactive", "*-*"), new NuGetPackageReference("Ranged", "[1.0,2.0)")],
            parsed.Packages);
        Assert.Equal("*", parsed.Packages[1].VersionOrLatest);
        Assert.Equal("\n\n\n", parsed.Code);
    }

    [Fact]
    public void A_dll_reference_resolves_against_the_notebook_folder()
    {
        var parsed = DirectiveParser.Parse("#r \"lib/Tools.dll\"\n#r \"/abs/Other.dll\"\nvar x = 1;", NotebookFolder);

        Assert.Equal([Path.Combine(NotebookFolder, "lib", "Tools.dll"), "/abs/Other.dll"], parsed.AssemblyPaths);
        Assert.Equal("\n\nvar x = 1;", parsed.Code);
    }

    [Fact]
    public void A_relative_package_source_becomes_absolute_and_urls_stay()
    {
        var parsed = DirectiveParser.Parse("""
            #i "nuget: ../feed"
            #i "nuget:https://example.invalid/v3/index.json"
            #i "nuget: ~/packages"
            """, NotebookFolder);

        Assert.Equal(
            [Path.GetFullPath(Path.Combine(NotebookFolder, "..", "feed")), "https://example.invalid/v3/index.json",
             Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "packages")],
            parsed.PackageSources);
    }

    [Fact]
    public void Kernel_selector_and_time_are_recognised_and_blanked()
    {
        var parsed = DirectiveParser.Parse("#!C#\n#!time\nvar x = 1;", NotebookFolder);

        Assert.Equal("csharp", parsed.KernelName);
        Assert.True(parsed.Timed);
        Assert.Equal("\n\nvar x = 1;", parsed.Code);
        Assert.False(parsed.LoadsReferences);
    }

    [Fact]
    public void Preprocessor_lines_that_are_not_directives_stay()
    {
        const string code = "#region setup\n#nullable enable\n#load \"other.csx\"\nvar x = 1;\n#endregion";

        var parsed = DirectiveParser.Parse(code, NotebookFolder);

        Assert.Equal(code, parsed.Code);
    }

    [Theory]
    [InlineData("#r nuget: Foo", 1, "#r takes a quoted value")]
    [InlineData("var a = 1;\n#r \"nuget: bad id!\"", 2, "package id")]
    [InlineData("#r \"nuget: Foo, \"", 1, "version")]
    [InlineData("#i \"https://feed\"", 1, "#i takes \"nuget:")]
    [InlineData("#!pwsh-ish", 1, "#!csharp")]
    [InlineData("var a = 1;\n#!csharp", 2, "first line")]
    public void Malformed_directives_name_the_line_and_the_allowed_forms(string code, int line, string expected)
    {
        var error = Assert.Throws<NotebookDirectiveException>(() => DirectiveParser.Parse(code, NotebookFolder));

        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
