namespace Sly.Notebooks.Directives;

/// <summary>A package a cell asked for with <c>#r "nuget: Name[, Version]"</c>.</summary>
/// <param name="Name">The package id.</param>
/// <param name="Version">
/// A version, a floating version (<c>*-*</c> for the newest prerelease, <c>1.*</c>) or a range (<c>[1.0,2.0)</c>);
/// null for the newest stable version.
/// </param>
public sealed record NuGetPackageReference(string Name, string? Version)
{
    /// <summary>The version as written into a PackageReference: <c>*</c> when none was given.</summary>
    public string VersionOrLatest => Version ?? "*";

    /// <inheritdoc />
    public override string ToString() => Version is null ? Name : $"{Name}, {Version}";
}
