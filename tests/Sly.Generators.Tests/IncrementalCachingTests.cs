using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Sly.Generators.Tests.Infrastructure;

namespace Sly.Generators.Tests;

/// <summary>Editing C# leaves every step cached; editing the spec reruns it; no step carries compiler objects.</summary>
public sealed class IncrementalCachingTests
{
    private static readonly string[] Steps = { TrackingNames.Inputs, TrackingNames.Results, TrackingNames.Diagnostics, TrackingNames.Specs };

    public static TheoryData<string> Documents => new() { "Specs/basic.yaml", "Corpus/Documents/mist.json" };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Editing_an_unrelated_csharp_file_leaves_every_step_cached(string document)
    {
        // The largest corpus document too: a rerun over 5 MB of spec must not parse or emit again.
        var spec = document.StartsWith("Corpus/", StringComparison.Ordinal)
            ? File.ReadAllText(Path.Combine(Infrastructure.Corpus.CorpusDocument.Directory, document.Substring("Corpus/".Length)))
            : SpecFiles.Read("Specs", Path.GetFileName(document));
        var driver = GeneratorRun.CreateDriver(spec, "/specs/" + Path.GetFileName(document));
        var compilation = GeneratorRun.Compilation("namespace User { public class A { } }", "namespace User { public class B { } }");
        driver = driver.RunGenerators(compilation);
        var first = driver.GetRunResult();

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("namespace User { public class B { public int Changed; } }", (CSharpParseOptions)compilation.SyntaxTrees.First().Options));
        driver = driver.RunGenerators(edited);
        var second = driver.GetRunResult();

        AssertNoCompilerObjects(first);
        foreach (var step in Steps)
        {
            var outputs = second.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }
        Assert.All(second.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(first.GeneratedTrees.Select(t => t.ToString()), second.GeneratedTrees.Select(t => t.ToString()));
    }

    [Fact]
    public void Editing_the_spec_reruns_the_pipeline()
    {
        var spec = SpecFiles.Read("Specs", "basic.yaml");
        var text = new InMemoryAdditionalText(GeneratorRun.SpecPath, spec);
        var driver = GeneratorRun.CreateDriver(text);
        var compilation = GeneratorRun.Compilation("namespace User { public class A { } }");
        driver = driver.RunGenerators(compilation);

        var oldText = driver.GetRunResult().Results.Single();
        var edited = new InMemoryAdditionalText(GeneratorRun.SpecPath, spec.Replace("The pet's name.", "The pet's given name."));
        driver = driver.ReplaceAdditionalText(text, edited).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.Results].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("The pet's given name.", result.GeneratedSources.Single(s => s.HintName == "Api.Pet.g.cs").SourceText.ToString());
        Assert.Equal(oldText.GeneratedSources.Length, result.GeneratedSources.Length);
    }

    private static void AssertNoCompilerObjects(GeneratorDriverRunResult result)
    {
        foreach (var step in result.Results.Single().TrackedSteps.Where(s => Steps.Contains(s.Key)).SelectMany(s => s.Value))
        {
            foreach (var (value, _) in step.Outputs)
                Walk(value, new HashSet<object>(ReferenceEqualityComparer.Instance), step.Name ?? "?");
        }
    }

    private static void Walk(object? node, HashSet<object> seen, string path)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || !seen.Add(node))
            return;
        Assert.False(node is Compilation or ISymbol or SyntaxNode or SyntaxTree or SourceText or Location,
            $"{path} holds a {node.GetType().Name}, which defeats incremental caching");
        if (node is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
                Walk(item, seen, path + "[" + i++ + "]");
            return;
        }
        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            Walk(property.GetValue(node), seen, path + "." + property.Name);
    }
}
