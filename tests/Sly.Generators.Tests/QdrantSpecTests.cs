using Microsoft.CodeAnalysis;
using Sly.Generators.Tests.Infrastructure;
using Sly.Testing;

namespace Sly.Generators.Tests;

/// <summary>A real spec nobody here wrote: Qdrant 1.19's OpenAPI document (../shared/openapi/qdrant.json).</summary>
public sealed class QdrantSpecTests
{
    [Fact]
    public void Qdrant_spec_generates_code_that_compiles_without_errors_or_warnings()
    {
        var path = Prerequisite.SharedFile("openapi/qdrant.json");
        var run = GeneratorRun.Run(File.ReadAllText(path), "/specs/qdrant.json",
            new Dictionary<string, string> { ["SlyNamespace"] = "Qdrant.Api", ["SlyClientName"] = "Qdrant" });

        Assert.Null(run.Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var problems = run.CompileProblems();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));

        var operations = run.Sources.Single(s => s.HintName == "QdrantOperations.g.cs").SourceText.ToString();
        Assert.Equal(69, operations.Split('\n').Count(l => l.TrimStart().StartsWith("(\"", StringComparison.Ordinal)));
        if (Environment.GetEnvironmentVariable("SLY_DUMP_GENERATED") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            foreach (var source in run.Sources)
                File.WriteAllText(Path.Combine(dump, source.HintName), source.SourceText.ToString());
        }
        Assert.Contains(run.Sources, s => s.HintName == "Qdrant.ISearchApi.g.cs");
        Assert.Contains("[global::Refit.Post(\"/collections/{collection_name}/points/query\")]", run.Source("Qdrant.ISearchApi.g.cs"));
    }
}
