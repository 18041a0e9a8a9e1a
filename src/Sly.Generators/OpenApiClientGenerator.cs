using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Sly.Generators.Diagnostics;
using Sly.Generators.Emitting;
using Sly.Generators.Model;
using Sly.Generators.Parsing;

namespace Sly.Generators;

/// <summary>
/// Turns OpenAPI 3.0/3.1 documents (AdditionalFiles with SlyOpenApi="true") into Refit interfaces, one per tag, and
/// System.Text.Json records. The pipeline holds only equatable data read from AdditionalTexts and options; it never
/// looks at the Compilation, so edits to C# files leave it cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OpenApiClientGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => ReadInput(pair.Left, pair.Right, cancellationToken))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(TrackingNames.Inputs);

        var results = inputs
            .Select(static (input, cancellationToken) => SpecParser.Parse(input, cancellationToken))
            .WithTrackingName(TrackingNames.Results);

        var diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (production, items) =>
        {
            foreach (var item in items)
                production.ReportDiagnostic(item.ToDiagnostic());
        });

        var specs = results
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.Specs);
        context.RegisterSourceOutput(specs, static (production, spec) => Emit(production, spec!));
    }

    private static SpecInput? ReadInput(AdditionalText file, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider options, System.Threading.CancellationToken cancellationToken)
    {
        var fileOptions = options.GetOptions(file);
        if (!GeneratorOptionsReader.IsSpec(fileOptions))
            return null;
        var (generatorOptions, error) = GeneratorOptionsReader.Read(file.Path, fileOptions, options.GlobalOptions);
        var text = file.GetText(cancellationToken)?.ToString();
        if (text is null)
        {
            error ??= new DiagnosticInfo(DiagnosticDescriptors.UnreadableDocument.Id,
                new[] { file.Path, "the file cannot be read" }.ToEquatableArray(), new LocationInfo(file.Path, 0, 0));
            text = "";
        }
        return new SpecInput(file.Path, text, generatorOptions, error);
    }

    private static void Emit(SourceProductionContext production, ApiSpec spec)
    {
        try
        {
            foreach (var file in SpecEmitter.Emit(spec))
            {
                production.CancellationToken.ThrowIfCancellationRequested();
                production.AddSource(file.HintName, SourceText.From(file.Source, System.Text.Encoding.UTF8));
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            production.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.ClientName, ex.GetType().Name + ": " + ex.Message));
        }
    }
}
