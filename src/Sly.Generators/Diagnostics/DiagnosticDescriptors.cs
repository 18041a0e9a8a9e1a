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

    public static readonly DiagnosticDescriptor InvalidDocument = Warning("SLYGEN002",
        "OpenAPI document breaks a rule",
        "Invalid OpenAPI at {0}: {1}; generation continues without it");

    public static readonly DiagnosticDescriptor UnresolvedReference = Warning("SLYGEN003",
        "Unresolved $ref",
        "The reference '{0}' at {1} does not resolve to anything in the document; {2}");

    public static readonly DiagnosticDescriptor DuplicateOperationId = Warning("SLYGEN004",
        "Duplicate operationId",
        "operationId '{0}' is used by more than one operation ({1}); operationIds must be unique, this one's method is named '{2}'");

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

    public static readonly DiagnosticDescriptor CircularSchema = Warning("SLYGEN010",
        "Circular schema",
        "The schema at {0} refers to itself through allOf or an alias, which cannot be turned into a type; {1}");

    public static readonly DiagnosticDescriptor MissingOperationId = Warning("SLYGEN011",
        "Operation without operationId",
        "The {0} operation on '{1}' has no operationId; the method is named '{2}'");

    public static readonly DiagnosticDescriptor DuplicatePathSignature = Warning("SLYGEN012",
        "Paths differ only in parameter names",
        "The path '{0}' differs from '{1}' only in its parameter names (OpenAPI rule PathMustBeUnique); both get their methods");

    public static readonly DiagnosticDescriptor DiscriminatorMissingOnCase = Warning("SLYGEN013",
        "Discriminator property missing on a case",
        "The discriminator property '{0}' at {1} is not declared and required by every case (OpenAPI rule ValidateSchemaDiscriminator); {2}");

    public static readonly DiagnosticDescriptor PathParameterNotInTemplate = Warning("SLYGEN014",
        "Path parameter not in the path",
        "The parameter '{0}' is declared in: path, but the path '{1}' has no {{{0}}} (OpenAPI rule PathParameterShouldBeInThePath); it is left out of the method");

    public static readonly DiagnosticDescriptor TemplateWithoutParameter = Warning("SLYGEN015",
        "Path template without a parameter",
        "The path '{0}' has {{{1}}}, but no parameter declares it in: path; the method takes it as a string");

    public static readonly DiagnosticDescriptor WebhooksSkipped = Info("SLYGEN016",
        "Webhooks are not generated",
        "The document describes {0} webhook(s) ({1}); a client makes no webhook calls, so none is generated");

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
        [DuplicatePathSignature.Id] = DuplicatePathSignature,
        [DiscriminatorMissingOnCase.Id] = DiscriminatorMissingOnCase,
        [PathParameterNotInTemplate.Id] = PathParameterNotInTemplate,
        [TemplateWithoutParameter.Id] = TemplateWithoutParameter,
        [WebhooksSkipped.Id] = WebhooksSkipped,
    };

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private static DiagnosticDescriptor Info(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true);
}
