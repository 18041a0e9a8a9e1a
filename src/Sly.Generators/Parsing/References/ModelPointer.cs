using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.OpenApi;
using Sly.Generators.Parsing.Locating;

namespace Sly.Generators.Parsing.References;

/// <summary>
/// Follows a local JSON pointer ("#/paths/~1a/get/responses/200/content/application~1json/schema") through
/// Microsoft.OpenApi's object model. The reader resolves only pointers into #/components; bundled documents point
/// anywhere, and any JSON pointer is a valid reference.
/// </summary>
internal static class ModelPointer
{
    /// <param name="document">The document.</param>
    /// <param name="pointer">A local JSON pointer, '#' first.</param>
    /// <param name="dereference">What a reference met on the way leads to (null: it is not one, or leads nowhere).</param>
    public static object? Find(OpenApiDocument document, string pointer, Func<object, object?> dereference)
    {
        object? node = document;
        foreach (var segment in PointerTrie.Segments(pointer))
        {
            if (dereference(node!) is { } target)
                node = target;
            node = Step(node, segment);
            if (node is null)
                return null;
        }
        return node;
    }

    private static object? Step(object? node, string segment) => node switch
    {
        OpenApiDocument document => segment switch
        {
            "paths" => document.Paths,
            "components" => document.Components,
            "webhooks" => document.Webhooks,
            _ => null,
        },
        OpenApiComponents components => segment switch
        {
            "schemas" => components.Schemas,
            "parameters" => components.Parameters,
            "responses" => components.Responses,
            "requestBodies" => components.RequestBodies,
            "headers" => components.Headers,
            "pathItems" => components.PathItems,
            _ => null,
        },
        IOpenApiPathItem pathItem => segment == "parameters"
            ? pathItem.Parameters
            : pathItem.Operations?.FirstOrDefault(o => string.Equals(o.Key.Method, segment, StringComparison.OrdinalIgnoreCase)).Value,
        OpenApiOperation operation => segment switch
        {
            "parameters" => operation.Parameters,
            "requestBody" => operation.RequestBody,
            "responses" => operation.Responses,
            _ => null,
        },
        IOpenApiRequestBody body => segment == "content" ? body.Content : null,
        IOpenApiResponse response => segment switch
        {
            "content" => response.Content,
            "headers" => response.Headers,
            _ => null,
        },
        IOpenApiParameter parameter => segment switch
        {
            "schema" => parameter.Schema,
            "content" => parameter.Content,
            _ => null,
        },
        IOpenApiHeader header => segment switch
        {
            "schema" => header.Schema,
            "content" => header.Content,
            _ => null,
        },
        IOpenApiMediaType mediaType => segment == "schema" ? mediaType.Schema : null,
        IOpenApiSchema schema => SchemaStep(schema, segment),
        IDictionary dictionary => dictionary.Contains(segment) ? dictionary[segment] : null,
        IList list => int.TryParse(segment, out var index) && index >= 0 && index < list.Count ? list[index] : null,
        _ => null,
    };

    private static object? SchemaStep(IOpenApiSchema schema, string segment) => segment switch
    {
        "properties" => schema.Properties,
        "items" => schema.Items,
        "additionalProperties" => schema.AdditionalProperties,
        "allOf" => schema.AllOf,
        "oneOf" => schema.OneOf,
        "anyOf" => schema.AnyOf,
        "not" => schema.Not,
        "$defs" or "definitions" => schema.Definitions,
        "patternProperties" => schema.PatternProperties,
        _ => null,
    };
}
