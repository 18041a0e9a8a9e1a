namespace Sly.Generators.Model;

/// <summary>What parsing one spec produced: the model to emit (absent when the spec is unusable) and its diagnostics.</summary>
internal sealed record SpecResult(ApiSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
