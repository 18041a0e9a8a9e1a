namespace Sly.Generators.Emitting;

/// <summary>One emitted source file: its hint name and text.</summary>
internal sealed record GeneratedFile(string HintName, string Source);
