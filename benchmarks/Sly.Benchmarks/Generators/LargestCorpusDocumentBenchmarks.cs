using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using Sly.Generators.Emitting;
using Sly.Generators.Model;
using Sly.Generators.Parsing;

namespace Sly.Benchmarks.Generators;

/// <summary>
/// The largest document of the generator's test corpus (Mist's API, 5 MB of JSON, 779 operations): our parse + emit
/// beside NSwag 14.8's C# client generator (read + generate) on the same text, both in a fresh process per measurement
/// (ColdStart: loading and JIT included). Target for ours: ≤ 1.5 s on 2 cores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, iterationCount: 1, id: "ColdStart")]
public class LargestCorpusDocumentBenchmarks
{
    public const string Document = "tests/Sly.Generators.Tests/Corpus/Documents/mist.json";

    private SpecInput _input = null!;
    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        _text = File.ReadAllText(Path.Combine(BenchmarkFiles.RepoRoot, Document));
        _input = new SpecInput("/specs/mist.json", _text,
            new GeneratorOptions("Mist.Api", "Mist", "I", "Api", EquatableArray<string>.Empty, false), null);
    }

    [Benchmark(Baseline = true, Description = "Sly.Generators parse + emit (Mist, 5 MB, 779 operations)")]
    public int SlyParseAndEmit()
    {
        var result = SpecParser.Parse(_input, CancellationToken.None);
        if (result.Spec is null)
            throw new InvalidOperationException("no client: " + string.Join("; ", result.Diagnostics.Select(d => d.Id)));
        return SpecEmitter.Emit(result.Spec).Sum(f => f.Source.Length);
    }

    [Benchmark(Description = "NSwag 14.8 CSharpClientGenerator read + generate (same document)")]
    public int NSwagReadAndGenerate()
    {
        var document = NSwag.OpenApiDocument.FromJsonAsync(_text).GetAwaiter().GetResult();
        var settings = new CSharpClientGeneratorSettings { ClassName = "MistClient", GenerateClientInterfaces = true };
        settings.CSharpGeneratorSettings.Namespace = "Mist.NSwag";
        return new CSharpClientGenerator(document, settings).GenerateFile().Length;
    }
}

/// <summary>A rerun over the largest corpus document after an unrelated C# edit must do no work: every step cached.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 8, id: "Warm")]
public class LargestCorpusDocumentUnrelatedEditBenchmarks
{
    private GeneratorDriver _driver = null!;
    private CSharpCompilation _edited = null!;

    [GlobalSetup]
    public void Setup() => (_driver, _edited) = SpecDriver.RunBeforeAnUnrelatedEdit(
        File.ReadAllText(Path.Combine(BenchmarkFiles.RepoRoot, LargestCorpusDocumentBenchmarks.Document)), "/specs/mist.json", 1000);

    [Benchmark(Description = "generator driver over Mist, rerun after an unrelated C# edit")]
    public int DriverRerunAfterUnrelatedEdit() => _driver.RunGenerators(_edited).GetRunResult().GeneratedTrees.Length;
}
