using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Sly.Notebooks.Packages;

/// <summary>
/// Makes restored package assemblies loadable in the default load context, where the host's own assemblies live, so a
/// type has one identity for the host and the notebook (a formatter registered by a package is the one the engine uses).
/// Process-wide, like the default load context: the first path registered for a simple name wins.
/// </summary>
internal static class AssemblyResolution
{
    private static readonly ConcurrentDictionary<string, string> Managed = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, string> Native = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> ProbeFolders = new(StringComparer.Ordinal);
    private static int _installed;

    /// <summary>Simple name → path of the assemblies the runtime itself can load (the trusted platform assemblies).</summary>
    public static IReadOnlyDictionary<string, string> TrustedPlatformAssemblies { get; } = ReadTrustedPlatformAssemblies();

    /// <summary>Registers a managed assembly; returns the path that is used for its simple name (an earlier one wins).</summary>
    public static string RegisterManaged(string path)
    {
        Install();
        var name = Path.GetFileNameWithoutExtension(path);
        return TrustedPlatformAssemblies.TryGetValue(name, out var platform) ? platform : Managed.GetOrAdd(name, path);
    }

    /// <summary>Registers an assembly referenced by path (<c>#r "x.dll"</c>): its folder is searched for the assemblies it depends on.</summary>
    public static string RegisterReferencedFile(string path)
    {
        ProbeFolders.TryAdd(Path.GetDirectoryName(path)!, true);
        return RegisterManaged(path);
    }

    /// <summary>Registers a native library under the names code may ask for (libfoo.so, libfoo, foo).</summary>
    public static void RegisterNative(string path)
    {
        Install();
        var file = Path.GetFileName(path);
        var stem = file;
        foreach (var suffix in new[] { ".so", ".dylib", ".dll" })
        {
            var at = stem.IndexOf(suffix, StringComparison.Ordinal);
            if (at > 0)
                stem = stem[..at];
        }
        Native.TryAdd(file, path);
        Native.TryAdd(stem, path);
        if (stem.StartsWith("lib", StringComparison.Ordinal))
            Native.TryAdd(stem[3..], path);
    }

    private static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1)
            return;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is null)
                return null;
            if (Managed.TryGetValue(name.Name, out var path) && File.Exists(path))
                return context.LoadFromAssemblyPath(path);
            foreach (var folder in ProbeFolders.Keys)
            {
                var candidate = Path.Combine(folder, name.Name + ".dll");
                if (File.Exists(candidate))
                    return context.LoadFromAssemblyPath(Managed.GetOrAdd(name.Name, candidate));
            }
            return null;
        };
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) =>
            Native.TryGetValue(name, out var path) && NativeLibrary.TryLoad(path, out var handle) ? handle : IntPtr.Zero;
    }

    private static Dictionary<string, string> ReadTrustedPlatformAssemblies()
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                result.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }
        return result;
    }
}
