namespace Sly.Generators.Model;

/// <summary>One method parameter: where it goes on the wire and its C# type.</summary>
internal sealed record ParameterSpec(string Name, string WireName, ParameterKind Kind, TypeRef Type, bool IsRequired, string? Description);

internal enum ParameterKind
{
    Path,
    Query,
    Header,
    Body,
    FormBody,
    MultipartPart,
}
