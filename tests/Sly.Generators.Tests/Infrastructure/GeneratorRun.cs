using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Sly.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="OpenApiClientGenerator"/> over one spec with CSharpGeneratorDriver and compiles the result.</summary>
internal sealed class GeneratorRun
{
    public const string SpecPath = "/specs/api.yaml";

    private GeneratorRun(GeneratorDriver driver, CSharpCompilation input, Compilation output, GeneratorDriverRunResult result)
    {
        Driver = driver;
        Input = input;
        Output = output;
        Result = result;
    }

    public GeneratorDriver Driver { get; }
    public CSharpCompilation Input { get; }
    public Compilation Output { get; }
    public GeneratorDriverRunResult Result { get; }

    public IReadOnlyList<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    public IReadOnlyList<GeneratedSourceResult> Sources => Result.Results.Single().GeneratedSources;

    public Exception? Exception => Result.Results.Single().Exception;

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "Generated",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: "Source" + i + ".cs")),
        References.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(string specText, string specPath = SpecPath, IReadOnlyDictionary<string, string>? metadata = null,
        IReadOnlyDictionary<string, string>? properties = null) =>
        CreateDriver(new InMemoryAdditionalText(specPath, specText), metadata, properties);

    public static GeneratorDriver CreateDriver(AdditionalText spec, IReadOnlyDictionary<string, string>? metadata = null,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        var specPath = spec.Path;
        var fileOptions = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.SlyOpenApi"] = "true", ["build_metadata.AdditionalFiles.SlyNamespace"] = "Generated.Api" };
        foreach (var pair in metadata ?? new Dictionary<string, string>())
            fileOptions["build_metadata.AdditionalFiles." + pair.Key] = pair.Value;
        var provider = new TestAnalyzerConfigOptionsProvider(
            properties ?? new Dictionary<string, string>(),
            new Dictionary<string, IReadOnlyDictionary<string, string>> { [specPath] = fileOptions });
        return CSharpGeneratorDriver.Create(
            new[] { new OpenApiClientGenerator().AsSourceGenerator() },
            new[] { spec },
            (CSharpParseOptions)CSharpSyntaxTree.ParseText("", new CSharpParseOptions(LanguageVersion.Latest)).Options,
            provider,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public static GeneratorRun Run(string specText, string specPath = SpecPath, IReadOnlyDictionary<string, string>? metadata = null,
        IReadOnlyDictionary<string, string>? properties = null, params string[] userSources)
    {
        var driver = CreateDriver(specText, specPath, metadata, properties);
        var input = Compilation(userSources.Length == 0 ? new[] { "namespace User { internal static class Placeholder { } }" } : userSources);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return new GeneratorRun(driver, input, output, driver.GetRunResult());
    }

    /// <summary>Compiler diagnostics of the output that are warnings or errors.</summary>
    public IReadOnlyList<Diagnostic> CompileProblems() =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public string Source(string hintName) =>
        Sources.Single(s => s.HintName == hintName).SourceText.ToString();
}
