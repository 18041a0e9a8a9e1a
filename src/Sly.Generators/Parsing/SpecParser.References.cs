using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.OpenApi;
using Sly.Generators.Diagnostics;
using Sly.Generators.Model;
using Sly.Generators.Parsing.Locating;
using Sly.Generators.Parsing.References;

namespace Sly.Generators.Parsing;

/// <summary>
/// Schema references the reader leaves unresolved: OpenAPI 3.1's <c>$id</c>, relative and <c>$anchor</c> references, and
/// JSON pointers outside #/components (bundled documents). Each is resolved once, before the walk; what still leads
/// nowhere is a SLYGEN003 warning and a JsonNode member.
/// </summary>
internal sealed partial class SpecParser
{
    private readonly Dictionary<object, SchemaTarget> _referenceTargets = new(ReferenceIdentity.Instance);
    private readonly Dictionary<object, object> _linkedTargets = new(ReferenceIdentity.Instance);
    private readonly Dictionary<string, ResolvedType> _pointerTypes = new(StringComparer.Ordinal);

    private void ResolveDanglingReferences()
    {
        if (_unresolvedReferences.Count == 0)
            return;
        var identifiers = new SchemaIdentifiers(_document);
        var written = _lines.ValuesAt(_unresolvedReferences.Select(u => u.Pointer));
        var pending = _unresolvedReferences.ToList();
        // A site may sit inside a schema that is itself reached through an unresolved pointer: repeat while progressing.
        for (var progress = true; progress && pending.Count > 0;)
        {
            progress = false;
            foreach (var (pointer, reference) in pending.ToList())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var text = written.TryGetValue(pointer, out var raw) ? raw : reference;
                var site = SitePointer(pointer);
                if (ModelPointer.Find(_document, site, Dereference) is not OpenApiSchemaReference siteReference)
                    continue;
                var target = text.StartsWith("#/", StringComparison.Ordinal) ? SchemaAt(text) : identifiers.Resolve(text, site);
                if (target is null)
                    continue;
                _referenceTargets[siteReference] = target;
                pending.Remove((pointer, reference));
                progress = true;
            }
        }
        foreach (var (pointer, reference) in pending)
            Report(DiagnosticDescriptors.UnresolvedReference, pointer, written.TryGetValue(pointer, out var raw) ? raw : reference, PointerText(SitePointer(pointer)),
                pointer.Contains("/discriminator/mapping/") ? "the mapping entry is ignored" : "what uses it is typed JsonNode");
    }

    /// <summary>
    /// Parameters, request bodies and responses written as pointers outside #/components (bundled documents point into
    /// #/paths): the reader leaves them unresolved, so their targets are found here, by the same pointers.
    /// </summary>
    private void ResolveOperationReferences()
    {
        var sites = new List<(object Site, string Pointer)>();
        foreach (var pathEntry in _document.Paths ?? new OpenApiPaths())
        {
            var pathPointer = "#/paths/" + EscapePointer(pathEntry.Key);
            AddUnresolved(sites, pathEntry.Value?.Parameters, pathPointer + "/parameters/");
            foreach (var operationEntry in pathEntry.Value?.Operations ?? new Dictionary<System.Net.Http.HttpMethod, OpenApiOperation>())
            {
                var pointer = pathPointer + "/" + operationEntry.Key.Method.ToLowerInvariant();
                var operation = operationEntry.Value;
                AddUnresolved(sites, operation.Parameters, pointer + "/parameters/");
                if (operation.RequestBody is OpenApiRequestBodyReference { Target: null } body)
                    sites.Add((body, pointer + "/requestBody"));
                foreach (var response in operation.Responses ?? new OpenApiResponses())
                {
                    if (response.Value is OpenApiResponseReference { Target: null })
                        sites.Add((response.Value, pointer + "/responses/" + EscapePointer(response.Key)));
                }
            }
        }
        if (sites.Count == 0)
            return;
        var written = _lines.ValuesAt(sites.Select(s => s.Pointer + "/$ref"));
        var pending = sites.Where(s => written.ContainsKey(s.Pointer + "/$ref")).ToList();
        for (var progress = true; progress && pending.Count > 0;)
        {
            progress = false;
            foreach (var site in pending.ToList())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var text = written[site.Pointer + "/$ref"];
                var target = text.StartsWith("#/", StringComparison.Ordinal) ? ModelPointer.Find(_document, text, Dereference) : null;
                if (target is null || IsDangling(target) && !_linkedTargets.ContainsKey(target))
                    continue;
                _linkedTargets[site.Site] = target;
                pending.Remove(site);
                progress = true;
            }
        }
        foreach (var (_, pointer) in pending)
            Report(DiagnosticDescriptors.InvalidDocument, pointer + "/$ref", PointerText(pointer), "the reference '" + written[pointer + "/$ref"] + "' leads nowhere, so it is left out");
    }

    private static bool IsDangling(object item) =>
        item is OpenApiParameterReference { Target: null } or OpenApiRequestBodyReference { Target: null } or OpenApiResponseReference { Target: null };

    private static void AddUnresolved(List<(object, string)> sites, IList<IOpenApiParameter>? parameters, string prefix)
    {
        for (var i = 0; i < (parameters?.Count ?? 0); i++)
        {
            if (parameters![i] is OpenApiParameterReference { Target: null } reference)
                sites.Add((reference, prefix + i));
        }
    }

    /// <summary>A parameter, request body or response itself, with a reference that only this parser resolved followed.</summary>
    private T? Linked<T>(T? item) where T : class
    {
        for (var hops = 0; item is not null && hops < 16 && _linkedTargets.TryGetValue(item, out var target); hops++)
            item = target as T;
        return item;
    }

    private object? Dereference(object node) => node switch
    {
        OpenApiSchemaReference schema => TargetOf(schema)?.Schema,
        _ => _linkedTargets.TryGetValue(node, out var target) ? target : null,
    };

    private SchemaTarget? SchemaAt(string pointer) =>
        ModelPointer.Find(_document, pointer, Dereference) is IOpenApiSchema schema
            ? new SchemaTarget(schema, "#/" + string.Join("/", PointerTrie.Segments(pointer).Select(EscapePointer)))
            : null;

    private static string SitePointer(string refPointer) =>
        refPointer.EndsWith("/$ref", StringComparison.Ordinal) ? refPointer.Substring(0, refPointer.Length - "/$ref".Length) : refPointer;


    private SchemaTarget? TargetOf(OpenApiSchemaReference reference)
    {
        IOpenApiSchema? target;
        try
        {
            target = reference.Target;
        }
        catch (InvalidOperationException)
        {
            return null; // a $ref cycle, reported by the reader (SLYGEN010)
        }
        if (target is not null && reference.Reference?.Id is { } id)
            return new SchemaTarget(target, "#/components/schemas/" + EscapePointer(id));
        return _referenceTargets.TryGetValue(reference, out var found) ? found : null;
    }

    /// <summary>The component a reference names, if it names one.</summary>
    private ComponentEntry? ComponentOf(OpenApiSchemaReference reference) =>
        TargetOf(reference) is { } target ? ComponentAt(target.Pointer) : null;

    private ComponentEntry? ComponentAt(string pointer)
    {
        const string Prefix = "#/components/schemas/";
        if (!pointer.StartsWith(Prefix, StringComparison.Ordinal) || pointer.IndexOf('/', Prefix.Length) >= 0)
            return null;
        var id = pointer.Substring(Prefix.Length).Replace("~1", "/").Replace("~0", "~");
        return _components.TryGetValue(id, out var component) ? component : null;
    }

    /// <summary>A schema reached by a reference outside #/components: typed once, however many places point at it.</summary>
    private ResolvedType ResolveTarget(SchemaTarget target, string hint)
    {
        if (ComponentAt(target.Pointer) is { } component)
            return ResolveComponent(component);
        if (_pointerTypes.TryGetValue(target.Pointer, out var known))
            return known;
        if (!_resolvingAliases.Add(target.Pointer))
            return AnyJson;
        var resolved = Resolve(target.Schema, hint, target.Pointer);
        _resolvingAliases.Remove(target.Pointer);
        _pointerTypes[target.Pointer] = resolved;
        return resolved;
    }

    // Reference objects are keyed by identity: two sites with the same text are still two sites.
    private sealed class ReferenceIdentity : IEqualityComparer<object>
    {
        public static readonly ReferenceIdentity Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
