using Microsoft.OpenApi;

namespace Sly.Generators.Parsing.References;

/// <summary>Where a reference that the reader left unresolved leads: the schema and its JSON pointer in the document.</summary>
internal sealed record SchemaTarget(IOpenApiSchema Schema, string Pointer);
