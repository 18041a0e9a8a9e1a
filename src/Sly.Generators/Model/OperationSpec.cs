namespace Sly.Generators.Model;

/// <summary>One HTTP operation as a Refit method.</summary>
internal sealed record OperationSpec(
    string MethodName,
    string OperationId,
    string HttpMethod,
    string Path,
    string? Summary,
    string? Description,
    bool Deprecated,
    bool IsExtension,
    bool IsMultipart,
    EquatableArray<ParameterSpec> Parameters,
    ResponseKind ResponseKind,
    TypeRef? ResponseType);

internal enum ResponseKind
{
    None,
    Json,
    Binary,
    Text,
}
