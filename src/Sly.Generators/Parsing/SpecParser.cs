using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using Sly.Generators.Diagnostics;
using Sly.Generators.Model;
using Sly.Generators.Parsing.Locating;

namespace Sly.Generators.Parsing;

/// <summary>
/// Reads one OpenAPI 3.0/3.1 document with Microsoft.OpenApi and turns it into an equatable <see cref="ApiSpec"/>.
/// Never throws: every problem becomes a <see cref="DiagnosticInfo"/>.
/// </summary>
internal sealed partial class SpecParser
{
    private static readonly Regex YamlErrorPosition = new(@"at line (\d+), column (\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex JsonErrorPosition = new(@"LineNumber: (\d+) \| BytePositionInLine: (\d+)", RegexOptions.CultureInvariant);

    private readonly SpecInput _input;
    private readonly SpecLineMap _lines;
    private readonly List<PendingDiagnostic> _diagnostics = new();
    private readonly CancellationToken _cancellationToken;
    private OpenApiDocument _document = null!;

    private SpecParser(SpecInput input, CancellationToken cancellationToken)
    {
        _input = input;
        _lines = new SpecLineMap(input.Path, input.Text);
        _cancellationToken = cancellationToken;
        _types = new List<TypeSpec>();
    }

    private GeneratorOptions Options => _input.Options;

    public static SpecResult Parse(SpecInput input, CancellationToken cancellationToken)
    {
        var parser = new SpecParser(input, cancellationToken);
        ApiSpec? spec;
        try
        {
            spec = parser.ParseDocument();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            parser.Report(DiagnosticDescriptors.InternalError, null, input.Path, ex.GetType().Name + ": " + ex.Message);
            spec = null;
        }
        if (parser._diagnostics.Any(d => DiagnosticDescriptors.ById(d.Id).DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
            spec = null;
        return new SpecResult(spec, parser.LocatedDiagnostics());
    }

    // Diagnostics carry JSON pointers while the document is walked; all of them are located in one pass at the end.
    private EquatableArray<DiagnosticInfo> LocatedDiagnostics()
    {
        var places = _lines.LocateAll(_diagnostics.Where(d => d.Location is null).Select(d => d.Pointer ?? ""));
        // Distinct: a path-level parameter is checked once per operation of its path, but said once.
        return _diagnostics
            .Distinct()
            .Select(d => new DiagnosticInfo(d.Id, d.Arguments, d.Location ?? places[d.Pointer ?? ""]))
            .ToEquatableArray();
    }

    private ApiSpec? ParseDocument()
    {
        if (_input.OptionsError is not null)
        {
            _diagnostics.Add(new PendingDiagnostic(_input.OptionsError.Id, _input.OptionsError.Arguments, null, _input.OptionsError.Location));
            return null;
        }
        if (!ReadDocument())
            return null;
        _cancellationToken.ThrowIfCancellationRequested();

        ResolveDanglingReferences();
        ResolveOperationReferences();
        RegisterComponentTypes();
        ReportWebhooks();
        var interfaces = ParseOperations();
        BuildComponentTypes();
        ReportRemainingDiscriminatorFindings();
        _cancellationToken.ThrowIfCancellationRequested();

        var server = _document.Servers?.FirstOrDefault()?.Url;
        return new ApiSpec(
            Options.ClientName,
            Options.Namespace,
            _document.Info?.Title,
            _document.Info?.Version,
            ServerPath(server),
            Options.ReturnApiResponse,
            interfaces,
            _types.OrderBy(t => t.Name, StringComparer.Ordinal).ToEquatableArray());
    }

    private bool ReadDocument()
    {
        var settings = new OpenApiReaderSettings { LoadExternalRefs = false };
        settings.AddYamlReader();
        var format = _input.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "yaml";
        ReadResult result;
        try
        {
            result = OpenApiDocument.Parse(_input.Text, format, settings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ReportAt(DiagnosticDescriptors.UnreadableDocument, PositionIn(ex.Message), _input.Path, ex.Message);
            return false;
        }

        var diagnostic = result.Diagnostic;
        if (result.Document is null)
        {
            var message = diagnostic?.Errors.FirstOrDefault()?.Message ?? "no OpenAPI document found";
            ReportAt(DiagnosticDescriptors.UnreadableDocument, PositionIn(message), _input.Path, message);
            return false;
        }
        _document = result.Document;

        if (diagnostic is not null)
        {
            if (diagnostic.SpecificationVersion == OpenApiSpecVersion.OpenApi2_0)
            {
                Report(DiagnosticDescriptors.UnsupportedVersion, "#/swagger", _input.Path, "2.0");
                return false;
            }
            foreach (var error in diagnostic.Errors)
                ClassifyError(error);
            foreach (var warning in diagnostic.Warnings)
                ClassifyWarning(warning);
        }
        return true;
    }

    private LocationInfo PositionIn(string message)
    {
        var yaml = YamlErrorPosition.Match(message);
        if (yaml.Success)
            return _lines.At(int.Parse(yaml.Groups[1].Value, CultureInfo.InvariantCulture) - 1, int.Parse(yaml.Groups[2].Value, CultureInfo.InvariantCulture) - 1);
        var json = JsonErrorPosition.Match(message);
        if (json.Success)
            return _lines.At(int.Parse(json.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(json.Groups[2].Value, CultureInfo.InvariantCulture));
        return _lines.At(0, 0);
    }

    private static string? ServerPath(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return null;
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return absolute.AbsolutePath.TrimEnd('/');
        return url!.StartsWith("/", StringComparison.Ordinal) && url.IndexOf('{') < 0 ? url.TrimEnd('/') : null;
    }

    private static string PointerText(string? pointer) => string.IsNullOrEmpty(pointer) ? "the document root" : pointer!;

    /// <summary>A diagnostic at a JSON pointer into the document (null: the document's start).</summary>
    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string? pointer, params string[] arguments) =>
        _diagnostics.Add(new PendingDiagnostic(descriptor.Id, arguments.ToEquatableArray(), pointer ?? "", null));

    private void ReportAt(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments) =>
        _diagnostics.Add(new PendingDiagnostic(descriptor.Id, arguments.ToEquatableArray(), null, location));

    private sealed record PendingDiagnostic(string Id, EquatableArray<string> Arguments, string? Pointer, LocationInfo? Location);

    private static bool IsTrue(IDictionary<string, IOpenApiExtension>? extensions, string name) =>
        extensions is not null
        && extensions.TryGetValue(name, out var extension)
        && extension is JsonNodeExtension node
        && node.Node is System.Text.Json.Nodes.JsonValue value
        && value.TryGetValue<bool>(out var flag)
        && flag;

    /// <summary>A JSON pointer segment: '~' → '~0', '/' → '~1'.</summary>
    internal static string EscapePointer(string segment) => segment.Replace("~", "~0").Replace("/", "~1");
}
