using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.OpenApi;
using Sly.Generators.Diagnostics;
using Sly.Generators.Model;

namespace Sly.Generators.Parsing;

internal sealed partial class SpecParser
{
    private const string ExtensionMarker = "x-sly-extension";

    private static readonly Dictionary<string, string> RefitVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET"] = "Get", ["POST"] = "Post", ["PUT"] = "Put", ["DELETE"] = "Delete",
        ["PATCH"] = "Patch", ["HEAD"] = "Head", ["OPTIONS"] = "Options",
    };

    private static readonly string[] SuccessCodes = { "200", "201", "202", "203", "204", "2XX", "2xx" };

    private EquatableArray<InterfaceSpec> ParseOperations()
    {
        var tagInfo = (_document.Tags ?? new HashSet<OpenApiTag>())
            .Where(t => t.Name is not null)
            .GroupBy(t => t.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byTag = new Dictionary<string, List<OperationSpec>>(StringComparer.Ordinal);
        var tagOrder = new List<string>();
        var operationIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var selectedTags = new HashSet<string>(Options.Tags, StringComparer.OrdinalIgnoreCase);
        var methodNames = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);

        foreach (var pathEntry in _document.Paths ?? new OpenApiPaths())
        {
            var pathItem = pathEntry.Value;
            if (pathItem?.Operations is null)
                continue;
            foreach (var operationEntry in pathItem.Operations)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var verb = operationEntry.Key.Method.ToUpperInvariant();
                var operation = operationEntry.Value;
                var pointer = "#/paths/" + EscapePointer(pathEntry.Key) + "/" + verb.ToLowerInvariant();
                if (!RefitVerbs.TryGetValue(verb, out _))
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, pointer, "HTTP method " + verb, pointer, "skipped");
                    continue;
                }

                var tag = operation.Tags?.Select(TagName).FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? "Default";
                if (selectedTags.Count > 0 && !selectedTags.Contains(tag))
                    continue;

                var operationId = operation.OperationId;
                if (string.IsNullOrWhiteSpace(operationId))
                {
                    operationId = verb.ToLowerInvariant() + CSharpNames.Pascal(pathEntry.Key, "Root");
                    Report(DiagnosticDescriptors.MissingOperationId, pointer, verb, pathEntry.Key, CSharpNames.Pascal(operationId!, "Operation") + "Async");
                }
                string? firstUse = null;
                if (operationIds.TryGetValue(operationId!, out var first))
                    firstUse = first;
                else
                    operationIds[operationId!] = verb + " " + pathEntry.Key;

                if (!byTag.TryGetValue(tag, out var operations))
                {
                    byTag[tag] = operations = new List<OperationSpec>();
                    methodNames[tag] = new HashSet<string>(StringComparer.Ordinal) { "Equals", "GetHashCode", "GetType", "ToString" };
                    tagOrder.Add(tag);
                }
                var baseName = CSharpNames.Pascal(operationId!, "Operation");
                var methodName = CSharpNames.Unique(baseName + "Async", methodNames[tag]);
                if (firstUse is not null)
                    Report(DiagnosticDescriptors.DuplicateOperationId, pointer + "/operationId", operationId!, firstUse + " and " + verb + " " + pathEntry.Key, methodName);
                var isExtension = IsTrue(operation.Extensions, ExtensionMarker)
                    || (tagInfo.TryGetValue(tag, out var tagObject) && IsTrue(tagObject.Extensions, ExtensionMarker));
                operations.Add(ParseOperation(pathEntry.Key, pathItem, verb, operation, operationId!, baseName, methodName, isExtension, pointer));
            }
        }

        if (tagOrder.Count == 0 && (selectedTags.Count > 0 || _document.Components?.Schemas is not { Count: > 0 }))
        {
            var why = selectedTags.Count > 0 ? " for the selected tags (" + string.Join(", ", Options.Tags) + ")" : "";
            Report(DiagnosticDescriptors.NoOperations, "#/paths", _input.Path, why);
        }

        var interfaceNames = new HashSet<string>(StringComparer.Ordinal);
        return tagOrder.Select(tag =>
        {
            tagInfo.TryGetValue(tag, out var info);
            var name = CSharpNames.Unique(Options.InterfacePrefix + CSharpNames.Pascal(tag, "Default") + Options.InterfaceSuffix, interfaceNames);
            var extension = info is not null && IsTrue(info.Extensions, ExtensionMarker);
            return new InterfaceSpec(name, tag, info?.Description, extension, byTag[tag].ToEquatableArray());
        }).ToEquatableArray();
    }

    private static string? TagName(OpenApiTagReference tag)
    {
        try
        {
            return tag.Name ?? tag.Reference?.Id;
        }
        catch (Exception)
        {
            return tag.Reference?.Id;
        }
    }

    private OperationSpec ParseOperation(string path, IOpenApiPathItem pathItem, string verb, OpenApiOperation operation,
        string operationId, string baseName, string methodName, bool isExtension, string pointer)
    {
        var parameters = new List<ParameterSpec>();
        var parameterNames = new HashSet<string>(StringComparer.Ordinal) { "cancellationToken" };

        // Operation parameters override path-level ones of the same name and location.
        var merged = new Dictionary<string, (IOpenApiParameter Parameter, string Pointer)>(StringComparer.Ordinal);
        var pathPointer = pointer.Substring(0, pointer.LastIndexOf('/'));
        AddParameters(merged, pathItem.Parameters, pathPointer + "/parameters/");
        AddParameters(merged, operation.Parameters, pointer + "/parameters/");
        var placeholders = PathPlaceholders(path);
        foreach (var (parameter, parameterPointer) in merged.Values)
        {
            if (parameter.In == ParameterLocation.Path && !placeholders.Contains(parameter.Name!))
            {
                Report(DiagnosticDescriptors.PathParameterNotInTemplate, parameterPointer, parameter.Name!, path);
                continue;
            }
            ParameterKind kind;
            switch (parameter.In)
            {
                case ParameterLocation.Path: kind = ParameterKind.Path; break;
                case ParameterLocation.Query: kind = ParameterKind.Query; break;
                case ParameterLocation.Header: kind = ParameterKind.Header; break;
                default:
                    Report(DiagnosticDescriptors.UnsupportedConstruct, parameterPointer, "A " + parameter.In + " parameter", parameterPointer, "skipped");
                    continue;
            }
            var resolved = Resolve(parameter.Schema, baseName + CSharpNames.Pascal(parameter.Name!, "Parameter"), parameterPointer + "/schema");
            var required = parameter.Required || kind == ParameterKind.Path;
            var name = CSharpNames.Unique(CSharpNames.Camel(parameter.Name!, "parameter"), parameterNames);
            parameters.Add(new ParameterSpec(name, parameter.Name!, kind, resolved.Type, kind == ParameterKind.Path || (required && !resolved.Nullable), parameter.Description));
        }

        foreach (var placeholder in placeholders.Where(p => !merged.ContainsKey(ParameterLocation.Path + ":" + p)))
        {
            Report(DiagnosticDescriptors.TemplateWithoutParameter, pathPointer, path, placeholder);
            parameters.Add(new ParameterSpec(CSharpNames.Unique(CSharpNames.Camel(placeholder, "parameter"), parameterNames), placeholder,
                ParameterKind.Path, new TypeRef("string", false), true, null));
        }

        var isMultipart = false;
        var requestBody = Linked(operation.RequestBody);
        if (requestBody?.Content is { Count: > 0 } content)
        {
            var bodyPointer = pointer + "/requestBody/content";
            var json = content.FirstOrDefault(c => IsJson(c.Key));
            var multipart = content.FirstOrDefault(c => c.Key.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase));
            var form = content.FirstOrDefault(c => c.Key.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
            var required = requestBody.Required;
            if (json.Key is not null)
            {
                var resolved = Resolve(json.Value?.Schema, baseName + "Request", bodyPointer + "/" + EscapePointer(json.Key) + "/schema");
                parameters.Add(new ParameterSpec(CSharpNames.Unique("request", parameterNames), "body", ParameterKind.Body, resolved.Type, required && !resolved.Nullable, requestBody.Description));
            }
            else if (multipart.Key is not null)
            {
                isMultipart = true;
                AddMultipartParts(multipart.Value?.Schema, baseName, bodyPointer + "/" + EscapePointer(multipart.Key) + "/schema", parameters, parameterNames);
            }
            else if (form.Key is not null)
            {
                var resolved = Resolve(form.Value?.Schema, baseName + "Form", bodyPointer + "/" + EscapePointer(form.Key) + "/schema");
                parameters.Add(new ParameterSpec(CSharpNames.Unique("form", parameterNames), "body", ParameterKind.FormBody, resolved.Type, required, requestBody.Description));
            }
            else
            {
                // Any other body (octet-stream, text, images): sent as raw content.
                parameters.Add(new ParameterSpec(CSharpNames.Unique("content", parameterNames), "body", ParameterKind.Body, new TypeRef("global::System.Net.Http.HttpContent", false), required, requestBody.Description));
            }
        }

        var (responseKind, responseType) = ParseResponse(operation, baseName, pointer);
        var ordered = parameters.Where(p => p.IsRequired).Concat(parameters.Where(p => !p.IsRequired)).ToEquatableArray();
        return new OperationSpec(methodName, operationId, verb, path, operation.Summary, operation.Description, operation.Deprecated,
            isExtension, isMultipart, ordered, responseKind, responseType);
    }

    private void AddParameters(Dictionary<string, (IOpenApiParameter, string)> merged, IList<IOpenApiParameter>? parameters, string prefix)
    {
        for (var i = 0; i < (parameters?.Count ?? 0); i++)
        {
            var parameter = Linked(parameters![i]);
            if (parameter?.Name is not null)
                merged[parameter.In + ":" + parameter.Name] = (parameter, prefix + i);
        }
    }

    private static List<string> PathPlaceholders(string path) =>
        System.Text.RegularExpressions.Regex.Matches(path, @"\{([^{}]+)\}").Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value).Distinct().ToList();

    private void AddMultipartParts(IOpenApiSchema? schema, string baseName, string pointer, List<ParameterSpec> parameters, HashSet<string> names)
    {
        var target = Target(schema);
        if (target?.Properties is not { Count: > 0 })
        {
            parameters.Add(new ParameterSpec(CSharpNames.Unique("parts", names), "parts", ParameterKind.MultipartPart,
                new TypeRef("global::System.Collections.Generic.IEnumerable<global::Refit.MultipartItem>", false), true, target?.Description));
            return;
        }
        foreach (var property in target.Properties)
        {
            var propertySchema = Target(property.Value);
            var required = target.Required?.Contains(property.Key) == true;
            TypeRef type;
            if (IsBinary(propertySchema))
                type = new TypeRef("global::Refit.StreamPart", false);
            else if (propertySchema?.Type is { } t && (t & JsonSchemaType.Array) != 0 && IsBinary(Target(propertySchema.Items)))
                type = new TypeRef("global::System.Collections.Generic.IEnumerable<global::Refit.StreamPart>", false);
            else
                type = Resolve(property.Value, baseName + CSharpNames.Pascal(property.Key, "Part"), pointer + "/properties/" + EscapePointer(property.Key)).Type;
            parameters.Add(new ParameterSpec(CSharpNames.Unique(CSharpNames.Camel(property.Key, "part"), names), property.Key,
                ParameterKind.MultipartPart, type, required, propertySchema?.Description));
        }
    }

    private (ResponseKind Kind, TypeRef? Type) ParseResponse(OpenApiOperation operation, string baseName, string pointer)
    {
        var responses = operation.Responses;
        if (responses is null || responses.Count == 0)
            return (ResponseKind.None, null);
        var code = SuccessCodes.FirstOrDefault(responses.ContainsKey);
        if (code is null)
            return (ResponseKind.None, null);
        var response = Linked(responses[code]);
        if (response?.Content is not { Count: > 0 } content)
            return (ResponseKind.None, null);
        var responsePointer = pointer + "/responses/" + code + "/content/";
        var json = content.FirstOrDefault(c => IsJson(c.Key));
        if (json.Key is not null)
        {
            var resolved = Resolve(json.Value?.Schema, baseName + "Response", responsePointer + EscapePointer(json.Key) + "/schema");
            return (ResponseKind.Json, resolved.Type);
        }
        if (content.Keys.All(k => k.StartsWith("text/", StringComparison.OrdinalIgnoreCase)))
            return (ResponseKind.Text, new TypeRef("string", false));
        return (ResponseKind.Binary, new TypeRef("global::System.Net.Http.HttpResponseMessage", false));
    }

    private static bool IsJson(string mediaType)
    {
        var bare = mediaType.Split(';')[0].Trim();
        return bare.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || bare.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || bare.Equals("text/json", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsBinary(IOpenApiSchema? schema) =>
        schema is not null
        && (schema.Type is null || (schema.Type.Value & JsonSchemaType.String) != 0)
        && (string.Equals(schema.Format, "binary", StringComparison.OrdinalIgnoreCase)
            || (schema is OpenApiSchema concrete && concrete.ContentMediaType is not null && !IsJson(concrete.ContentMediaType)));
}
