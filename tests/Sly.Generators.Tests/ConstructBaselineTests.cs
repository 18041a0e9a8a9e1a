using Microsoft.CodeAnalysis;
using Sly.Generators.Tests.Infrastructure;

namespace Sly.Generators.Tests;

/// <summary>Each OpenAPI construct against its checked-in baseline, and the output compiled against real references.</summary>
public sealed class ConstructBaselineTests
{
    public static TheoryData<string> Specs => new()
    {
        "basic.yaml", "enums.yaml", "all-of.yaml", "one-of-discriminator.yaml", "one-of-wrapper.yaml",
        "additional-properties.yaml", "multipart-binary.yaml", "openapi31.json", "injection.yaml", "openapi31-schemas.yaml",
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
    public void Json_schema_2020_12_references_and_keywords_become_types()
    {
        var run = GeneratorRun.Run(SpecFiles.Read("Specs", "openapi31-schemas.yaml"), "/specs/api.yaml");

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SLYGEN003");
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "SLYGEN016" && d.Severity == DiagnosticSeverity.Info);
        var api = run.Source("Api.IDefaultApi.g.cs");
        Assert.Contains("Task<global::Generated.Api.Pet> GetPetAsync(\n        long petId,", api); // $ref through $id; a path parameter is never optional
        Assert.Contains("[global::Refit.Body] global::Generated.Api.Pet? request", api);  // $ref: '#pet-anchor' ($anchor)
        Assert.Contains("global::System.Net.Http.HttpContent? content", api);             // contentMediaType: image/png
        var pet = run.Source("Api.Pet.g.cs");
        Assert.Contains("global::Generated.Api.PetDetails? Details", pet);                // $ref: petdetails, relative to Pet's $id
        Assert.Contains("public string Kind { get; init; } = \"cat\";", pet);             // const
        Assert.Contains("IReadOnlyList<global::System.Text.Json.Nodes.JsonNode?>? Position", pet); // prefixItems
        Assert.Contains("byte[]? Thumbnail", pet);                                        // contentEncoding: base64
        Assert.Contains("string? Tag", run.Source("Api.PetDetails.g.cs"));               // type: [string, 'null']
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
