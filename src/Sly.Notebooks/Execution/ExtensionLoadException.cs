namespace Sly.Notebooks.Execution;

/// <summary>A package's <c>interactive-extensions/dotnet/extension.dib</c> failed.</summary>
internal sealed class ExtensionLoadException(string package, string version, string script, Exception inner)
    : Exception($"The notebook extension of package {package} {version} ({script}) failed: {inner.Message}", inner);
