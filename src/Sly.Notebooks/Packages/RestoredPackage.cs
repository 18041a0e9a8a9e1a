namespace Sly.Notebooks.Packages;

/// <summary>A package resolved by a NuGet restore, with the files the session references and loads from it.</summary>
/// <param name="Name">The package id.</param>
/// <param name="Version">The resolved version.</param>
/// <param name="PackageRoot">The package's folder in the global packages folder.</param>
/// <param name="CompileAssemblies">Assemblies to compile against (the package's compile assets for the target framework).</param>
/// <param name="RuntimeAssemblies">Assemblies to load at run time (runtime assets, RID-specific ones preferred).</param>
/// <param name="NativeLibraries">Native libraries for this machine's runtime identifier.</param>
public sealed record RestoredPackage(
    string Name,
    string Version,
    string PackageRoot,
    IReadOnlyList<string> CompileAssemblies,
    IReadOnlyList<string> RuntimeAssemblies,
    IReadOnlyList<string> NativeLibraries)
{
    /// <summary>The .NET Interactive extension script a package may ship, if this one does.</summary>
    public string? ExtensionScript
    {
        get
        {
            var path = Path.Combine(PackageRoot, "interactive-extensions", "dotnet", "extension.dib");
            return File.Exists(path) ? path : null;
        }
    }
}
