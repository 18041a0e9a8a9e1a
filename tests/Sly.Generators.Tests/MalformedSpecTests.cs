using Microsoft.CodeAnalysis;
using Sly.Generators.Tests.Infrastructure;

namespace Sly.Generators.Tests;

/// <summary>Bad input gets a SLYGEN diagnostic pointing at the spec file and line; the generator never throws.</summary>
public sealed class MalformedSpecTests
{
    public static TheoryData<string, string, int> Cases => new()
    {
        // file, expected diagnostic, expected 1-based line
        { "bad-yaml.yaml", "SLYGEN001", 3 },
        { "bad-json.json", "SLYGEN001", 4 },
        { "unresolved-ref.yaml", "SLYGEN003", 13 },
        { "duplicate-operation-id.yaml", "SLYGEN004", 10 },
        { "invalid-type.yaml", "SLYGEN002", 10 },
        { "swagger2.yaml", "SLYGEN006", 1 },
        { "invalid-component-name.yaml", "SLYGEN002", 4 },
        { "not-keyword.yaml", "SLYGEN005", 10 },
        { "trace-method.yaml", "SLYGEN005", 5 },
        { "cookie-parameter.yaml", "SLYGEN005", 8 },
        { "circular-alias.yaml", "SLYGEN010", 9 },
        { "circular-all-of.yaml", "SLYGEN010", 8 },
        { "missing-operation-id.yaml", "SLYGEN011", 5 },
        { "empty.yaml", "SLYGEN001", 1 },
        { "not-openapi.yaml", "SLYGEN001", 1 },
        { "no-operations.yaml", "SLYGEN009", 3 },
        { "duplicate-path-signature.yaml", "SLYGEN012", 9 },
        { "discriminator-missing-on-case.yaml", "SLYGEN013", 10 },
        { "path-parameter-not-in-path.yaml", "SLYGEN014", 8 },
        { "template-without-parameter.yaml", "SLYGEN015", 4 },
        { "webhooks.yaml", "SLYGEN016", 8 },
    };

    /// <summary>Rules a generator can work around: a warning, and a client that compiles cleanly all the same.</summary>
    public static TheoryData<string, string> WorkedAround => new()
    {
        { "unresolved-ref.yaml", "SLYGEN003" },
        { "duplicate-operation-id.yaml", "SLYGEN004" },
        { "invalid-type.yaml", "SLYGEN002" },
        { "invalid-component-name.yaml", "SLYGEN002" },
        { "circular-alias.yaml", "SLYGEN010" },
        { "circular-all-of.yaml", "SLYGEN010" },
        { "duplicate-path-signature.yaml", "SLYGEN012" },
        { "discriminator-missing-on-case.yaml", "SLYGEN013" },
        { "path-parameter-not-in-path.yaml", "SLYGEN014" },
        { "template-without-parameter.yaml", "SLYGEN015" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_spec_reports_its_diagnostic_at_the_line(string file, string id, int line)
    {
        var path = "/specs/" + file;
        var run = GeneratorRun.Run(SpecFiles.Read("Malformed", file), path);

        Assert.Null(run.Exception);
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id == "CS8785");
        var all = string.Join("\n", run.GeneratorDiagnostics);
        var diagnostic = run.GeneratorDiagnostics.FirstOrDefault(d => d.Id == id);
        Assert.True(diagnostic is not null, $"no {id}: {all}");
        var span = diagnostic.Location.GetLineSpan();
        Assert.True(span.Path == path, all);
        Assert.True(line == span.StartLinePosition.Line + 1, $"expected line {line}: {all}");
    }

    [Theory]
    [MemberData(nameof(WorkedAround))]
    public void A_rule_the_generator_works_around_is_a_warning_and_the_client_still_compiles(string file, string id)
    {
        var run = GeneratorRun.Run(SpecFiles.Read("Malformed", file), "/specs/" + file);

        var all = string.Join("\n", run.GeneratorDiagnostics);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == id && d.Severity == DiagnosticSeverity.Warning);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(run.Sources.Count > 0, "nothing generated: " + all);
        var problems = run.CompileProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Both_paths_of_a_duplicate_signature_get_methods()
    {
        var api = DefaultApi("duplicate-path-signature.yaml");
        Assert.Contains("[global::Refit.Get(\"/items/{id}\")]", api);
        Assert.Contains("[global::Refit.Delete(\"/items/{itemId}\")]", api);
    }

    [Fact]
    public void A_path_parameter_missing_from_the_template_is_left_out_of_the_method()
    {
        var api = DefaultApi("path-parameter-not-in-path.yaml");
        Assert.DoesNotContain("itemId", api);
        Assert.Contains("long? limit = default", api);
    }

    [Fact]
    public void A_template_placeholder_without_a_parameter_becomes_a_string_parameter()
    {
        Assert.Contains("string itemId,", DefaultApi("template-without-parameter.yaml"));
    }

    [Fact]
    public void A_polymorphic_case_without_the_discriminator_property_still_writes_it()
    {
        var run = GeneratorRun.Run(SpecFiles.Read("Malformed", "discriminator-missing-on-case.yaml"), "/specs/api.yaml");
        var square = run.Source("Api.Square.g.cs");
        Assert.Contains("public sealed partial record Square : global::Generated.Api.Shape", square);
        Assert.Contains("[global::System.Text.Json.Serialization.JsonPropertyName(\"kind\")]", square);
        Assert.Contains("= \"Square\";", square);
    }

    [Fact]
    public void Invalid_options_are_reported_and_nothing_is_generated()
    {
        var run = GeneratorRun.Run(SpecFiles.Read("Specs", "options.yaml"), "/specs/options.yaml",
            new Dictionary<string, string> { ["SlyNamespace"] = "1bad.Namespace" });
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SLYGEN007", diagnostic.Id);
        Assert.Contains("SlyNamespace", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Every_prefix_of_a_valid_spec_is_handled_without_an_exception()
    {
        var text = SpecFiles.Read("Specs", "basic.yaml");
        for (var length = 0; length < text.Length; length += 37)
        {
            var run = GeneratorRun.Run(text.Substring(0, length));
            Assert.Null(run.Exception);
            Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id == "CS8785");
        }
    }

    private static string DefaultApi(string file) =>
        GeneratorRun.Run(SpecFiles.Read("Malformed", file), "/specs/api.yaml").Source("Api.IDefaultApi.g.cs");
}
