using System;
using System.Collections.Generic;
using Microsoft.OpenApi;

namespace Sly.Generators.Parsing.References;

/// <summary>
/// The schema resources of an OpenAPI 3.1 document (JSON Schema 2020-12): every <c>$id</c> and <c>$anchor</c> under
/// #/components/schemas, with the base URI in force at each place, so that <c>$ref: /api/v31/components/schemas/pet</c>,
/// <c>$ref: petdetails</c> (relative to the enclosing <c>$id</c>) and <c>$ref: '#pet-anchor'</c> find their schema.
/// Microsoft.OpenApi 3.11 reads these keywords but resolves references only by component name.
/// </summary>
internal sealed class SchemaIdentifiers
{
    // A document read from text has no retrieval URI; any fixed absolute base makes relative resolution work.
    private static readonly Uri DocumentBase = new("https://openapi.document.invalid/");

    private readonly Dictionary<string, SchemaTarget> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaTarget> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SchemaTarget>> _anchorsByName = new(StringComparer.Ordinal);
    private readonly List<(string Pointer, Uri Base)> _bases = new();

    public SchemaIdentifiers(OpenApiDocument document)
    {
        foreach (var entry in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
            Visit(entry.Value, "#/components/schemas/" + SpecParser.EscapePointer(entry.Key), DocumentBase, 0);
        _bases.Sort((a, b) => b.Pointer.Length.CompareTo(a.Pointer.Length));
    }

    /// <summary>The schema a URI reference names, read from the place it is written (<paramref name="sitePointer"/>).</summary>
    public SchemaTarget? Resolve(string reference, string sitePointer)
    {
        Uri uri;
        try
        {
            uri = new Uri(BaseAt(sitePointer), reference);
        }
        catch (UriFormatException)
        {
            return null;
        }
        var resource = uri.GetLeftPart(UriPartial.Query);
        var fragment = uri.Fragment.Length > 1 ? Uri.UnescapeDataString(uri.Fragment.Substring(1)) : "";
        if (fragment.Length == 0)
            return _resources.TryGetValue(resource, out var target) ? target : null;
        if (fragment.StartsWith("/", StringComparison.Ordinal))
            return null; // a pointer into a resource: the caller follows pointers into the document itself
        if (_anchors.TryGetValue(resource + "#" + fragment, out var anchored))
            return anchored;
        return _anchorsByName.TryGetValue(fragment, out var named) && named.Count == 1 ? named[0] : null;
    }

    private Uri BaseAt(string pointer)
    {
        foreach (var (prefix, baseUri) in _bases)
        {
            if (pointer == prefix || pointer.StartsWith(prefix + "/", StringComparison.Ordinal))
                return baseUri;
        }
        return DocumentBase;
    }

    private void Visit(IOpenApiSchema? schema, string pointer, Uri baseUri, int depth)
    {
        if (schema is null or OpenApiSchemaReference || depth > 64)
            return;
        var target = new SchemaTarget(schema, pointer);
        if (!string.IsNullOrEmpty(schema.Id) && Uri.TryCreate(baseUri, schema.Id, out var id))
        {
            baseUri = id;
            _bases.Add((pointer, id));
            _resources[id.GetLeftPart(UriPartial.Query)] = target;
        }
        if (schema is OpenApiSchema concrete && !string.IsNullOrEmpty(concrete.Anchor))
        {
            _anchors[baseUri.GetLeftPart(UriPartial.Query) + "#" + concrete.Anchor] = target;
            if (!_anchorsByName.TryGetValue(concrete.Anchor!, out var list))
                _anchorsByName[concrete.Anchor!] = list = new List<SchemaTarget>();
            list.Add(target);
        }
        foreach (var property in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            Visit(property.Value, pointer + "/properties/" + SpecParser.EscapePointer(property.Key), baseUri, depth + 1);
        foreach (var definition in schema.Definitions ?? new Dictionary<string, IOpenApiSchema>())
            Visit(definition.Value, pointer + "/$defs/" + SpecParser.EscapePointer(definition.Key), baseUri, depth + 1);
        Visit(schema.Items, pointer + "/items", baseUri, depth + 1);
        Visit(schema.AdditionalProperties, pointer + "/additionalProperties", baseUri, depth + 1);
        VisitAll(schema.AllOf, pointer + "/allOf/", baseUri, depth);
        VisitAll(schema.OneOf, pointer + "/oneOf/", baseUri, depth);
        VisitAll(schema.AnyOf, pointer + "/anyOf/", baseUri, depth);
    }

    private void VisitAll(IList<IOpenApiSchema>? schemas, string prefix, Uri baseUri, int depth)
    {
        for (var i = 0; i < (schemas?.Count ?? 0); i++)
            Visit(schemas![i], prefix + i, baseUri, depth + 1);
    }
}
