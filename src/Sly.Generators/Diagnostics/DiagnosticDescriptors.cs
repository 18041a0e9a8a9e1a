using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Sly.Generators.Diagnostics;

/// <summary>Every SLYGEN diagnostic the generator can report.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Sly.Generators";

    public static readonly DiagnosticDescriptor InternalError = Error("SLYGEN000",
        "OpenAPI generator failed",
        "The OpenAPI generator failed on '{0}': {1}");

    public static readonly DiagnosticDescriptor UnreadableDocument = Error("SLYGEN001",
        "OpenAPI document cannot be read",
        "'{0}' is not a readable OpenAPI document: {1}");

    public static readonly DiagnosticDescriptor InvalidDocument = Error("SLYGEN002",
        "OpenAPI document is invalid",
        "Invalid OpenAPI at {0}: {1}");

    public static readonly DiagnosticDescriptor UnresolvedReference = Error("SLYGEN003",
        "Unresolved $ref",
        "The reference '{0}' at {1} does not resolve to anything in the document");

    public static readonly DiagnosticDescriptor DuplicateOperationId = Error("SLYGEN004",
        "Duplicate operationId",
        "operationId '{0}' is used by more than one operation ({1}); operationIds must be unique");

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Warning("SLYGEN005",
        "Unsupported OpenAPI construct",
        "{0} at {1} is not supported and was {2}");

    public static readonly DiagnosticDescriptor UnsupportedVersion = Error("SLYGEN006",
        "Unsupported OpenAPI version",
        "'{0}' is OpenAPI/Swagger {1}; only OpenAPI 3.0 and 3.1 are supported");

    public static readonly DiagnosticDescriptor InvalidOption = Error("SLYGEN007",
        "Invalid generator option",
        "Generator option {0} has the value '{1}', but {2}");

    public static readonly DiagnosticDescriptor DocumentWarning = Warning("SLYGEN008",
        "OpenAPI document warning",
        "OpenAPI warning at {0}: {1}");

    public static readonly DiagnosticDescriptor NoOperations = Warning("SLYGEN009",
        "Nothing to generate",
        "'{0}' yields no operations{1}");

    public static readonly DiagnosticDescriptor CircularSchema = Error("SLYGEN010",
        "Circular schema",
        "The schema at {0} refers to itself through allOf or an alias, which cannot be turned into a type");

    public static readonly DiagnosticDescriptor MissingOperationId = Warning("SLYGEN011",
        "Operation without operationId",
        "The {0} operation on '{1}' has no operationId; the method is named '{2}'");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new()
    {
        [InternalError.Id] = InternalError,
        [UnreadableDocument.Id] = UnreadableDocument,
        [InvalidDocument.Id] = InvalidDocument,
        [UnresolvedReference.Id] = UnresolvedReference,
        [DuplicateOperationId.Id] = DuplicateOperationId,
        [UnsupportedConstruct.Id] = UnsupportedConstruct,
        [UnsupportedVersion.Id] = UnsupportedVersion,
        [InvalidOption.Id] = InvalidOption,
        [DocumentWarning.Id] = DocumentWarning,
        [NoOperations.Id] = NoOperations,
        [CircularSchema.Id] = CircularSchema,
        [MissingOperationId.Id] = MissingOperationId,
    };

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
