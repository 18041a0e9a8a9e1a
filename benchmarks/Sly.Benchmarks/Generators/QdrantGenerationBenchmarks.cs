using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Sly.Generators;
using Sly.Generators.Emitting;
using Sly.Generators.Model;
using Sly.Generators.Parsing;

namespace Sly.Benchmarks.Generators;

/// <summary>
/// Generation time for Qdrant's real 517 KB OpenAPI spec: parse + emit alone and a whole generator-driver run.
/// ColdStart launches a fresh process per measurement, so its single call includes loading and JIT, as in a
/// compiler that meets the generator for the first time. Target: ≤ 1.5 s on 2 cores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 8, id: "Warm")]
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, iterationCount: 1, id: "ColdStart")]
public class QdrantGenerationBenchmarks
{
    private SpecInput _input = null!;
    private CSharpCompilation _compilation = null!;
    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        _text = File.ReadAllText(BenchmarkFiles.Shared("openapi/qdrant.json"));
        _input = new SpecInput("/specs/qdrant.json", _text,
            new GeneratorOptions("Qdrant.Api", "Qdrant", "I", "Api", EquatableArray<string>.Empty, false), null);
        _compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText("class A { }") });
    }

    [Benchmark(Description = "parse + emit (Qdrant, 69 operations, 400 schemas)")]
    public int ParseAndEmit()
    {
        var result = SpecParser.Parse(_input, CancellationToken.None);
        return SpecEmitter.Emit(result.Spec!).Sum(f => f.Source.Length);
    }

    [Benchmark(Description = "generator driver, first run")]
    public int DriverFirstRun() => QdrantDriver.Run(QdrantDriver.Create(_text), _compilation).GetRunResult().GeneratedTrees.Length;
}

/// <summary>A rerun after an unrelated C# edit must do no work: every step cached.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 8, id: "Warm")]
public class QdrantUnrelatedEditBenchmarks
{
    private GeneratorDriver _driver = null!;
    private CSharpCompilation _edited = null!;

    [GlobalSetup]
    public void Setup()
    {
        var compilation = CSharpCompilation.Create("Bench", new[] { CSharpSyntaxTree.ParseText("class A { }") });
        _edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees[0], CSharpSyntaxTree.ParseText("class A { int changed; }"));
        _driver = QdrantDriver.Run(QdrantDriver.Create(File.ReadAllText(BenchmarkFiles.Shared("openapi/qdrant.json"))), compilation);
        var result = _driver.GetRunResult();
        if (result.GeneratedTrees.Length < 400)
            throw new InvalidOperationException("The generator did not generate Qdrant's client: " + string.Join("; ", result.Diagnostics));
    }

    [Benchmark(Description = "generator driver, rerun after an unrelated C# edit")]
    public int DriverRerunAfterUnrelatedEdit() => _driver.RunGenerators(_edited).GetRunResult().GeneratedTrees.Length;
}

/// <summary>A generator driver over Qdrant's spec, as the compiler would hold it.</summary>
internal static class QdrantDriver
{
    public static GeneratorDriver Create(string text) => CSharpGeneratorDriver.Create(
        new[] { new OpenApiClientGenerator().AsSourceGenerator() },
        new[] { new Spec("/specs/qdrant.json", text) },
        new CSharpParseOptions(LanguageVersion.Latest),
        new Options());

    public static GeneratorDriver Run(GeneratorDriver driver, Compilation compilation) => driver.RunGenerators(compilation);

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
