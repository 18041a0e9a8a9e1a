using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Sly.Generators;

namespace Sly.Benchmarks.Generators;

/// <summary>A generator driver over one spec (Qdrant's unless named), as the compiler would hold it.</summary>
internal static class SpecDriver
{
    public static GeneratorDriver Create(string text, string path = "/specs/qdrant.json") => CSharpGeneratorDriver.Create(
        new[] { new OpenApiClientGenerator().AsSourceGenerator() },
        new[] { new Spec(path, text) },
        new CSharpParseOptions(LanguageVersion.Latest),
        new Options());

    public static GeneratorDriver Run(GeneratorDriver driver, Compilation compilation) => driver.RunGenerators(compilation);

    /// <summary>A driver that has run once over the spec, and the same compilation with an unrelated C# edit.</summary>
    public static (GeneratorDriver Driver, CSharpCompilation Edited) RunBeforeAnUnrelatedEdit(string text, string path, int minimumTrees)
    {
        var compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText("class A { }") });
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[0], CSharpSyntaxTree.ParseText("class A { int changed; }"));
        var driver = Run(Create(text, path), compilation);
        var result = driver.GetRunResult();
        if (result.GeneratedTrees.Length < minimumTrees)
            throw new InvalidOperationException($"The generator did not generate the client of {path}: " + string.Join("; ", result.Diagnostics));
        return (driver, edited);
    }

    private sealed class Spec(string path, string text) : AdditionalText
    {
        private readonly SourceText _source = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _source;
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly FileOptions Spec = new(new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.SlyOpenApi"] = "true",
            ["build_metadata.AdditionalFiles.SlyNamespace"] = "Qdrant.Api",
        });

        public override AnalyzerConfigOptions GlobalOptions { get; } = new FileOptions(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Spec;
    }

    private sealed class FileOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
