namespace Sly.Generators.Model;

/// <summary>How one spec file is turned into code: read from AdditionalFiles metadata, then MSBuild properties.</summary>
internal sealed record GeneratorOptions(
    string Namespace,
    string ClientName,
    string InterfacePrefix,
    string InterfaceSuffix,
    EquatableArray<string> Tags,
    bool ReturnApiResponse);
