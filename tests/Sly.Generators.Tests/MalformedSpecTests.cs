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
}
