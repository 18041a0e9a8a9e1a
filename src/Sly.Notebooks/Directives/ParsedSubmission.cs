namespace Sly.Notebooks.Directives;

/// <summary>
/// A cell's code split into the directives the engine handles and the C# left to compile. Directive lines are replaced
/// by empty lines, so compiler line numbers still match the cell.
/// </summary>
public sealed class ParsedSubmission
{
    internal ParsedSubmission(string code, string? kernelName, bool timed, IReadOnlyList<NuGetPackageReference> packages,
        IReadOnlyList<string> packageSources, IReadOnlyList<string> assemblyPaths)
    {
        Code = code;
        KernelName = kernelName;
        Timed = timed;
        Packages = packages;
        PackageSources = packageSources;
        AssemblyPaths = assemblyPaths;
    }

    /// <summary>The code with directive lines blanked out.</summary>
    public string Code { get; }

    /// <summary>The kernel named by a <c>#!csharp</c>/<c>#!markdown</c>/<c>#!html</c> first line (canonical name), or null.</summary>
    public string? KernelName { get; }

    /// <summary>Whether the cell asked for <c>#!time</c>.</summary>
    public bool Timed { get; }

    /// <summary>The <c>#r "nuget: …"</c> packages, in order.</summary>
    public IReadOnlyList<NuGetPackageReference> Packages { get; }

    /// <summary>The <c>#i "nuget: …"</c> sources: absolute folders or feed URLs.</summary>
    public IReadOnlyList<string> PackageSources { get; }

    /// <summary>The <c>#r "path.dll"</c> assemblies, as absolute paths.</summary>
    public IReadOnlyList<string> AssemblyPaths { get; }

    /// <summary>Whether the cell holds any directive that loads something (packages, sources, assemblies).</summary>
    public bool LoadsReferences => Packages.Count > 0 || PackageSources.Count > 0 || AssemblyPaths.Count > 0;
}
