using System.Runtime.InteropServices;

namespace Sly.Notebooks.Packages;

/// <summary>Finds the <c>dotnet</c> program that runs restores.</summary>
internal static class DotnetExecutable
{
    public static string Find()
    {
        var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        if (Environment.ProcessPath is { } process && string.Equals(Path.GetFileName(process), name, StringComparison.OrdinalIgnoreCase))
            return process;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
                return candidate;
        }
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, name)))
            return Path.Combine(root, name);
        // the runtime's own folder: <root>/shared/Microsoft.NETCore.App/<version>/
        var runtimeRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        if (File.Exists(Path.Combine(runtimeRoot, name)))
            return Path.Combine(runtimeRoot, name);
        throw new PackageRestoreException("The 'dotnet' program (the .NET SDK) was not found on PATH, in DOTNET_ROOT or beside the runtime; #r \"nuget: …\" needs it.", []);
    }
}
