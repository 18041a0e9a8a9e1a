namespace Sly.Generators.Model;

/// <summary>One OpenAPI document handed to the generator: its path, its text and its options.</summary>
internal sealed record SpecInput(string Path, string Text, GeneratorOptions Options, DiagnosticInfo? OptionsError);
