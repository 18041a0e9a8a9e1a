using System.Text.Json.Nodes;

namespace Sly.Generators.Tests.Infrastructure.Corpus;

/// <summary>One request a document describes, as the spec spells it: what the recorder must receive.</summary>
internal sealed record ExpectedCall(string Method, string PathTemplate, IReadOnlyList<string> QueryNames, IReadOnlyList<string>? BodyProperties);

/// <summary>
/// Picks, from the raw document, the first GET with path and query parameters (each query parameter a scalar or an array
/// of scalars, which have one spelling on the wire) and the first operation whose JSON body is an object with properties.
/// </summary>
internal static class WirePlan
{
    private static readonly string[] Verbs = { "get", "put", "post", "delete", "options", "head", "patch" };

    public static ExpectedCall? Get(RawSpec spec)
    {
        ExpectedCall? queryOnly = null, pathOnly = null;
        foreach (var (path, verb, operation, pathItem) in Operations(spec).Where(o => o.Verb == "get"))
        {
            var parameters = Parameters(spec, pathItem, operation);
            if (parameters is null)
                continue;
            var pathNames = parameters.Where(p => p.In == "path").ToList();
            var query = parameters.Where(p => p.In == "query").ToList();
            if (query.Any(q => !q.IsScalar) || pathNames.Any(p => !path.Contains("{" + p.Name + "}", StringComparison.Ordinal)))
                continue;
            var call = new ExpectedCall("GET", path, query.Select(q => q.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList(), null);
            if (pathNames.Count > 0 && query.Count > 0)
                return call;
            if (query.Count > 0)
                queryOnly ??= call;
            else if (pathNames.Count > 0)
                pathOnly ??= call;
        }
        return queryOnly ?? pathOnly;
    }

    public static ExpectedCall? JsonBody(RawSpec spec)
    {
        foreach (var (path, verb, operation, pathItem) in Operations(spec).Where(o => o.Verb is not "get" and not "head"))
        {
            if (spec.Deref(operation["requestBody"]) is not JsonObject body || body["content"] is not JsonObject content)
                continue;
            var parameters = Parameters(spec, pathItem, operation);
            if (parameters is null || parameters.Any(p => p.In == "query" && !p.IsScalar) || parameters.Any(p => p.In == "path" && !path.Contains("{" + p.Name + "}", StringComparison.Ordinal)))
                continue;
            var query = parameters.Where(p => p.In == "query").Select(p => p.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            var json = content.FirstOrDefault(c => IsJson(c.Key));
            if (json.Key is null)
                continue;
            var schema = spec.Deref((json.Value as JsonObject)?["schema"]) as JsonObject;
            var names = schema is null ? null : PropertyNames(spec, schema, 0);
            if (names is null || names.Count == 0)
                continue;
            return new ExpectedCall(verb.ToUpperInvariant(), path, query, names.OrderBy(n => n, StringComparer.Ordinal).ToList());
        }
        return null;
    }

    private static bool IsJson(string mediaType)
    {
        var bare = mediaType.Split(';')[0].Trim();
        return bare.Equals("application/json", StringComparison.OrdinalIgnoreCase) || bare.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Declared properties, allOf members merged; null when the body is a union or not an object.</summary>
    private static HashSet<string>? PropertyNames(RawSpec spec, JsonObject schema, int depth)
    {
        if (depth > 16 || schema["oneOf"] is not null || schema["anyOf"] is not null)
            return null;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in (schema["allOf"] as JsonArray ?? new JsonArray()).Select(m => spec.Deref(m) as JsonObject))
        {
            if (member is null || PropertyNames(spec, member, depth + 1) is not { } inherited)
                return null;
            names.UnionWith(inherited);
        }
        foreach (var property in schema["properties"] as JsonObject ?? new JsonObject())
            names.Add(property.Key);
        return names;
    }

    private sealed record Parameter(string Name, string In, bool IsScalar);

    private static List<Parameter>? Parameters(RawSpec spec, JsonObject pathItem, JsonObject operation)
    {
        var merged = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (var list in new[] { pathItem["parameters"], operation["parameters"] })
        {
            foreach (var item in list as JsonArray ?? new JsonArray())
            {
                if (spec.Deref(item) is not JsonObject parameter || parameter["name"]?.GetValue<string>() is not { } name)
                    return null;
                var location = parameter["in"]?.GetValue<string>() ?? "";
                merged[location + ":" + name] = new Parameter(name, location, IsScalar(spec, parameter));
            }
        }
        return merged.Values.ToList();
    }

    private static bool IsScalar(RawSpec spec, JsonObject parameter)
    {
        if (parameter["content"] is not null || parameter["style"]?.GetValue<string>() == "deepObject")
            return false;
        var schema = spec.Deref(parameter["schema"]) as JsonObject;
        if (schema is null)
            return false;
        if (Type(schema) == "array")
            schema = spec.Deref(schema["items"]) as JsonObject;
        return schema is not null && Type(schema) is "string" or "integer" or "number" or "boolean"
            && schema["oneOf"] is null && schema["anyOf"] is null && schema["allOf"] is null;
    }

    private static string? Type(JsonObject schema) => schema["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => schema["enum"] is not null ? "string" : null,
    };

    private static IEnumerable<(string Path, string Verb, JsonObject Operation, JsonObject PathItem)> Operations(RawSpec spec)
    {
        foreach (var (path, item) in spec.Root["paths"] as JsonObject ?? new JsonObject())
        {
            if (spec.Deref(item) is not JsonObject pathItem)
                continue;
            foreach (var verb in Verbs)
            {
                if (pathItem[verb] is JsonObject operation)
                    yield return (path, verb, operation, pathItem);
            }
        }
    }
}
