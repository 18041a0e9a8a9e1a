using Microsoft.CodeAnalysis;

namespace Sly.Generators.Tests.Infrastructure;

/// <summary>Real references for compiling generated code: this runtime's assemblies plus Refit.</summary>
internal static class References
{
    public static IReadOnlyList<MetadataReference> All { get; } = Load();

    private static IReadOnlyList<MetadataReference> Load()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(Refit.RestService).Assembly.Location);
        return paths.Where(p => p.Length > 0).Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
