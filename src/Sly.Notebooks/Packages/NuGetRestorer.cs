using System.Diagnostics;
using System.Security;
using System.Text;
using Sly.Notebooks.Directives;

namespace Sly.Notebooks.Packages;

/// <summary>
/// Resolves <c>#r "nuget: …"</c> packages with a real NuGet restore: writes a small project (the running framework,
/// e.g. net10.0) holding every package asked for so far, restores it with the SDK against the configured sources plus
/// the <c>#i</c> sources and those of the notebook folder's nuget.config, and reads <c>obj/project.assets.json</c>.
/// </summary>
internal sealed class NuGetRestorer : IDisposable
{
    private static readonly string[] MSBuildVariablesFromParent =
        ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly"];

    private readonly string _notebookFolder;
    private readonly string _projectFolder;
    private readonly TimeSpan _timeout;
    private readonly string? _dotnetPath;

    public NuGetRestorer(string notebookFolder, TimeSpan timeout, string? dotnetPath = null)
    {
        _notebookFolder = notebookFolder;
        _timeout = timeout;
        _dotnetPath = dotnetPath;
        _projectFolder = Path.Combine(Path.GetTempPath(), "sly-notebooks", "restore-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>The target framework of the restore project: the one this process runs on.</summary>
    public static string TargetFramework => $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    public async Task<IReadOnlyList<RestoredPackage>> RestoreAsync(
        IReadOnlyList<NuGetPackageReference> packages, IReadOnlyList<string> extraSources, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_projectFolder);
        var project = Path.Combine(_projectFolder, "notebook-packages.csproj");
        var sources = extraSources.Concat(NuGetConfigSources.For(_notebookFolder)).Distinct(StringComparer.Ordinal).ToList();
        await File.WriteAllTextAsync(project, ProjectXml(packages, sources), cancellationToken).ConfigureAwait(false);
        var assets = Path.Combine(_projectFolder, "obj", "project.assets.json");
        if (File.Exists(assets))
            File.Delete(assets);

        var (exitCode, output) = await RunRestoreAsync(project, cancellationToken).ConfigureAwait(false);
        var parsed = File.Exists(assets) ? ProjectAssets.Read(assets, TargetFramework) : null;
        if (exitCode != 0 || parsed is null || parsed.Errors.Count > 0)
        {
            var details = parsed?.Errors.Count > 0 ? parsed.Errors : ErrorLines(output);
            var asked = string.Join("; ", packages.Select(p => p.ToString()));
            throw new PackageRestoreException($"NuGet restore of {asked} failed (exit code {exitCode}; sources: {DescribeSources(sources)}).", details);
        }
        return parsed.Packages;
    }

    private static string DescribeSources(IReadOnlyList<string> sources) =>
        sources.Count == 0 ? "the configured ones" : "the configured ones and " + string.Join(", ", sources);

    internal static string ProjectXml(IReadOnlyList<NuGetPackageReference> packages, IReadOnlyList<string> sources)
    {
        var builder = new StringBuilder();
        builder.AppendLine("<Project>");
        builder.AppendLine("  <PropertyGroup>");
        builder.AppendLine("    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>");
        builder.AppendLine("    <ImportDirectoryBuildTargets>false</ImportDirectoryBuildTargets>");
        builder.AppendLine("    <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>");
        builder.AppendLine("  </PropertyGroup>");
        builder.AppendLine("  <Import Project=\"Sdk.props\" Sdk=\"Microsoft.NET.Sdk\" />");
        builder.AppendLine("  <PropertyGroup>");
        builder.AppendLine($"    <TargetFramework>{TargetFramework}</TargetFramework>");
        builder.AppendLine("    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>");
        builder.AppendLine("    <EnableDefaultItems>false</EnableDefaultItems>");
        builder.AppendLine("    <NoWarn>$(NoWarn);NU1603;NU1701;NU1604</NoWarn>");
        if (sources.Count > 0)
            builder.AppendLine($"    <RestoreAdditionalProjectSources>{SecurityElement.Escape(string.Join(";", sources))}</RestoreAdditionalProjectSources>");
        builder.AppendLine("  </PropertyGroup>");
        builder.AppendLine("  <ItemGroup>");
        foreach (var package in packages)
            builder.AppendLine($"    <PackageReference Include=\"{SecurityElement.Escape(package.Name)}\" Version=\"{SecurityElement.Escape(package.VersionOrLatest)}\" />");
        builder.AppendLine("  </ItemGroup>");
        builder.AppendLine("  <Import Project=\"Sdk.targets\" Sdk=\"Microsoft.NET.Sdk\" />");
        builder.AppendLine("</Project>");
        return builder.ToString();
    }

    private async Task<(int ExitCode, string Output)> RunRestoreAsync(string project, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(_dotnetPath ?? DotnetExecutable.Find())
        {
            WorkingDirectory = _projectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "restore", project, "--nologo", "--disable-build-servers", "-nodeReuse:false", "-v:q" })
            info.ArgumentList.Add(argument);
        foreach (var name in MSBuildVariablesFromParent)
            info.Environment.Remove(name);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PackageRestoreException($"Could not start '{info.FileName}' for the NuGet restore: {e.Message}", []);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // it exited meanwhile
            }
            cancellationToken.ThrowIfCancellationRequested();
            string partial;
            lock (output)
                partial = output.ToString();
            throw new PackageRestoreException($"NuGet restore did not finish within {_timeout.TotalSeconds:0} s.", ErrorLines(partial));
        }
        process.WaitForExit();
        lock (output)
            return (process.ExitCode, output.ToString());
    }

    private static List<string> ErrorLines(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().ToList();
        return errors.Count > 0 ? errors : lines.TakeLast(20).ToList();
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(_projectFolder))
                Directory.Delete(_projectFolder, recursive: true);
        }
        catch (IOException)
        {
            // the temp folder is cleaned eventually
        }
        catch (UnauthorizedAccessException)
        {
            // same
        }
    }
}
