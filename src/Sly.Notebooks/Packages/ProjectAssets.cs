using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sly.Notebooks.Packages;

/// <summary>Reads NuGet's <c>obj/project.assets.json</c>: every package of the graph (transitively) with its compile, runtime and native files.</summary>
internal sealed class ProjectAssets
{
    private ProjectAssets(IReadOnlyList<RestoredPackage> packages, IReadOnlyList<string> errors)
    {
        Packages = packages;
        Errors = errors;
    }

    public IReadOnlyList<RestoredPackage> Packages { get; }

    /// <summary>Errors NuGet logged into the assets file (e.g. NU1101 package not found).</summary>
    public IReadOnlyList<string> Errors { get; }

    public static ProjectAssets Read(string path, string targetFramework)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new PackageRestoreException($"'{path}' is not a JSON object.", []);
        var errors = (root["logs"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(log => string.Equals(log["level"]?.GetValue<string>(), "Error", StringComparison.OrdinalIgnoreCase))
            .Select(log => $"{log["code"]?.GetValue<string>()}: {log["message"]?.GetValue<string>()}")
            .ToList();
        var folders = (root["packageFolders"] as JsonObject ?? []).Select(pair => pair.Key).ToList();
        var libraries = root["libraries"] as JsonObject ?? [];
        var target = (root["targets"] as JsonObject)?[targetFramework] as JsonObject ?? [];
        var rids = RuntimeIdentifierFallbacks();

        var packages = new List<RestoredPackage>();
        foreach (var (key, value) in target)
        {
            if (value is not JsonObject entry || entry["type"]?.GetValue<string>() != "package")
                continue;
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var name = key[..slash];
            var version = key[(slash + 1)..];
            var relative = libraries[key]?["path"]?.GetValue<string>() ?? $"{name.ToLowerInvariant()}/{version.ToLowerInvariant()}";
            var packageRoot = folders.Select(folder => Path.Combine(folder, relative)).FirstOrDefault(Directory.Exists)
                ?? Path.Combine(folders.FirstOrDefault() ?? "", relative);

            var compile = Files(entry["compile"] as JsonObject, packageRoot);
            var runtime = Files(entry["runtime"] as JsonObject, packageRoot);
            var native = new List<string>();
            var ridRuntime = new List<(int Rank, string Path)>();
            if (entry["runtimeTargets"] is JsonObject runtimeTargets)
            {
                foreach (var (file, info) in runtimeTargets)
                {
                    var rid = info?["rid"]?.GetValue<string>();
                    var rank = rid is null ? -1 : rids.IndexOf(rid);
                    if (rank < 0 || IsPlaceholder(file))
                        continue;
                    var full = Path.Combine(packageRoot, file);
                    switch (info?["assetType"]?.GetValue<string>())
                    {
                        case "native":
                            native.Add(full);
                            break;
                        case "runtime":
                            ridRuntime.Add((rank, full));
                            break;
                    }
                }
            }
            if (ridRuntime.Count > 0)
            {
                var best = ridRuntime.Min(item => item.Rank);
                runtime = ridRuntime.Where(item => item.Rank == best).Select(item => item.Path).ToList();
            }
            packages.Add(new RestoredPackage(name, version, packageRoot, compile, runtime, native));
        }
        return new ProjectAssets(packages, errors);
    }

    private static List<string> Files(JsonObject? section, string packageRoot) =>
        section is null
            ? []
            : section.Select(pair => pair.Key)
                .Where(file => !IsPlaceholder(file) && file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Select(file => Path.Combine(packageRoot, file))
                .ToList();

    private static bool IsPlaceholder(string file) => Path.GetFileName(file) == "_._";

    /// <summary>This machine's runtime identifiers, most specific first (linux-x64, linux, unix, any).</summary>
    internal static List<string> RuntimeIdentifierFallbacks()
    {
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var list = new List<string> { RuntimeInformation.RuntimeIdentifier, $"{os}-{arch}", os };
        if (!OperatingSystem.IsWindows())
            list.Add("unix");
        list.Add("any");
        return list.Distinct(StringComparer.Ordinal).ToList();
    }
}
