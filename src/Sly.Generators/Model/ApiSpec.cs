namespace Sly.Generators.Model;

/// <summary>Everything the emitter needs for one OpenAPI document.</summary>
internal sealed record ApiSpec(
    string ClientName,
    string Namespace,
    string? Title,
    string? Version,
    string? ServerPath,
    bool ReturnApiResponse,
    EquatableArray<InterfaceSpec> Interfaces,
    EquatableArray<TypeSpec> Types);
