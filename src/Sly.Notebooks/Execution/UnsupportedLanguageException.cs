namespace Sly.Notebooks.Execution;

/// <summary>A cell in a language this engine does not run.</summary>
internal sealed class UnsupportedLanguageException(string language)
    : Exception($"Cells in '{language}' cannot run here: this engine runs C# (csharp, c#, C#) and shows markdown and html cells.");
