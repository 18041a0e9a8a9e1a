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
    public int DriverFirstRun() => SpecDriver.Run(SpecDriver.Create(_text), _compilation).GetRunResult().GeneratedTrees.Length;
}

/// <summary>A rerun after an unrelated C# edit must do no work: every step cached.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 8, id: "Warm")]
public class QdrantUnrelatedEditBenchmarks
{
    private GeneratorDriver _driver = null!;
    private CSharpCompilation _edited = null!;

    [GlobalSetup]
    public void Setup() =>
        (_driver, _edited) = SpecDriver.RunBeforeAnUnrelatedEdit(File.ReadAllText(BenchmarkFiles.Shared("openapi/qdrant.json")), "/specs/qdrant.json", 400);

    [Benchmark(Description = "generator driver, rerun after an unrelated C# edit")]
    public int DriverRerunAfterUnrelatedEdit() => _driver.RunGenerators(_edited).GetRunResult().GeneratedTrees.Length;
}
