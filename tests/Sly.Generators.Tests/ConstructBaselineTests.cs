using Microsoft.CodeAnalysis;
using Sly.Generators.Tests.Infrastructure;

namespace Sly.Generators.Tests;

/// <summary>Each OpenAPI construct against its checked-in baseline, and the output compiled against real references.</summary>
public sealed class ConstructBaselineTests
{
    public static TheoryData<string> Specs => new()
    {
        "basic.yaml", "enums.yaml", "all-of.yaml", "one-of-discriminator.yaml", "one-of-wrapper.yaml",
        "additional-properties.yaml", "multipart-binary.yaml", "openapi31.json", "injection.yaml",
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Generated_code_matches_its_baseline_and_compiles_cleanly(string spec)
    {
        var run = GeneratorRun.Run(SpecFiles.Read("Specs", spec), "/specs/" + spec);

        Assert.Null(run.Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var problems = run.CompileProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Baseline.Verify(Path.GetFileNameWithoutExtension(spec), run.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void Options_select_tags_rename_interfaces_and_return_api_responses()
    {
        var run = GeneratorRun.Run(SpecFiles.Read("Specs", "options.yaml"), "/specs/options.yaml", new Dictionary<string, string>
        {
            ["SlyTags"] = "Projects;SlyExtensions",
            ["SlyInterfacePrefix"] = "",
            ["SlyInterfaceSuffix"] = "Client",
            ["SlyReturnApiResponse"] = "true",
            ["SlyClientName"] = "Sample",
        });

        Assert.Empty(run.CompileProblems());
        Baseline.Verify("options", run.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
        Assert.DoesNotContain(run.Sources, s => s.HintName.Contains("OtherClient", StringComparison.Ordinal));
    }

    [Fact]
    public void Msbuild_properties_set_defaults_for_every_spec()
    {
        var run = GeneratorRun.Run(SpecFiles.Read("Specs", "options.yaml"), "/specs/options.yaml",
            metadata: new Dictionary<string, string> { ["SlyNamespace"] = "" },
            properties: new Dictionary<string, string> { ["build_property.SlyOpenApiNamespace"] = "From.Property", ["build_property.SlyOpenApiInterfaceSuffix"] = "Endpoints" });

        Assert.Empty(run.CompileProblems());
        var projects = run.Source("Options.IProjectsEndpoints.g.cs");
        Assert.Contains("namespace From.Property;", projects);
    }
}
