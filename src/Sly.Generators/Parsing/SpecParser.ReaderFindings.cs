using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Sly.Generators.Diagnostics;
using Sly.Generators.Parsing.Locating;
using Sly.Generators.Parsing.References;

namespace Sly.Generators.Parsing;

/// <summary>
/// What Microsoft.OpenApi's reader and validator report, turned into SLYGEN diagnostics. A broken rule that a client
/// can be generated around is a warning saying what the generator did; only an unreadable document stops it.
/// </summary>
internal sealed partial class SpecParser
{
    private static readonly Regex UnresolvedReferenceWarning = new(@"reference '([^']*)' does not point to an existing", RegexOptions.CultureInvariant);

    private readonly List<(string Pointer, string Reference)> _unresolvedReferences = new();
    private readonly List<string> _discriminatorFindings = new();

    private void ClassifyError(OpenApiError error)
    {
        switch ((error as OpenApiValidatorError)?.RuleName)
        {
            case "PathMustBeUnique":
                var path = PathAt(error.Pointer);
                Report(DiagnosticDescriptors.DuplicatePathSignature, error.Pointer, path, SameSignature(path));
                break;
            case "ValidateSchemaDiscriminator":
                // What is done depends on the union's shape, known once component types are registered.
                _discriminatorFindings.Add(error.Pointer ?? "");
                break;
            case "PathParameterShouldBeInThePath":
                // Reported per operation, where the parameter is dropped (SLYGEN014).
                break;
            case { } rule:
                Report(DiagnosticDescriptors.InvalidDocument, error.Pointer, PointerText(error.Pointer), error.Message.TrimEnd('.') + " (OpenAPI rule " + rule + ")");
                break;
            default:
                Report(DiagnosticDescriptors.InvalidDocument, error.Pointer, PointerText(error.Pointer), error.Message.TrimEnd('.'));
                break;
        }
    }

    private void ClassifyWarning(OpenApiError warning)
    {
        var unresolved = UnresolvedReferenceWarning.Match(warning.Message);
        if (warning.Message.IndexOf("Circular reference", StringComparison.OrdinalIgnoreCase) >= 0)
            Report(DiagnosticDescriptors.CircularSchema, warning.Pointer, PointerText(warning.Pointer), "members that use it are typed JsonNode");
        else if (unresolved.Success)
            _unresolvedReferences.Add((warning.Pointer ?? "", unresolved.Groups[1].Value));
        else
            Report(DiagnosticDescriptors.DocumentWarning, warning.Pointer, PointerText(warning.Pointer), warning.Message);
    }

    /// <summary>
    /// SLYGEN013 for a union whose discriminator some case does not declare (found here) or does not require (found by
    /// the reader's rule): said once per union, with what the generator made of it.
    /// </summary>
    private void CheckDiscriminator(IOpenApiSchema union, string pointer, IEnumerable<IOpenApiSchema> cases, bool polymorphic)
    {
        var property = union.Discriminator?.PropertyName;
        if (string.IsNullOrEmpty(property))
            return;
        var flagged = _discriminatorFindings.Remove(pointer + "/discriminator");
        if (!flagged && cases.All(c => Declares(c, property!, 0)))
            return;
        var action = polymorphic
            ? "the cases derive from one record read by the discriminator, and a case that does not declare it writes it with its discriminator value"
            : "the union is read by shape, one TryGet per case";
        Report(DiagnosticDescriptors.DiscriminatorMissingOnCase, pointer + "/discriminator", property!, pointer, action);
    }

    private void ReportRemainingDiscriminatorFindings()
    {
        foreach (var pointer in _discriminatorFindings)
        {
            var union = pointer.EndsWith("/discriminator", StringComparison.Ordinal) ? pointer.Substring(0, pointer.Length - "/discriminator".Length) : pointer;
            var property = (ModelPointer.Find(_document, union, Dereference) as IOpenApiSchema)?.Discriminator?.PropertyName ?? "";
            Report(DiagnosticDescriptors.DiscriminatorMissingOnCase, pointer, property, union, "the union is read by shape, one TryGet per case");
        }
        _discriminatorFindings.Clear();
    }

    private bool Declares(IOpenApiSchema? schema, string property, int depth)
    {
        schema = Target(schema);
        if (schema is null || depth > 16)
            return false;
        return schema.Properties?.ContainsKey(property) == true || (schema.AllOf?.Any(member => Declares(member, property, depth + 1)) ?? false);
    }

    private void ReportWebhooks()
    {
        if (_document.Webhooks is { Count: > 0 } webhooks)
            Report(DiagnosticDescriptors.WebhooksSkipped, "#/webhooks", webhooks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(", ", webhooks.Keys.Take(5)) + (webhooks.Count > 5 ? ", …" : ""));
    }

    private static string PathAt(string? pointer)
    {
        var segments = PointerTrie.Segments(pointer ?? "").ToList();
        return segments.Count > 1 && segments[0] == "paths" ? segments[1] : PointerText(pointer);
    }

    private string SameSignature(string path)
    {
        var signature = Signature(path);
        return _document.Paths?.Keys.FirstOrDefault(other => other != path && Signature(other) == signature) ?? path;
    }

    private static string Signature(string path) => Regex.Replace(path, @"\{[^}]*\}", "{}");
}
