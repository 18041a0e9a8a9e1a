using System.Xml.Linq;

namespace Sly.Notebooks.Packages;

/// <summary>
/// Reads the package sources of the nuget.config files that apply to a folder (the folder and its parents, nearest
/// first, stopping at a <c>&lt;clear/&gt;</c>), so a restore run elsewhere still sees the notebook folder's feeds.
/// </summary>
internal static class NuGetConfigSources
{
    private static readonly string[] FileNames = ["nuget.config", "NuGet.config", "NuGet.Config"];

    public static IReadOnlyList<string> For(string folder)
    {
        var sources = new List<string>();
        for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            var file = FileNames.Select(name => Path.Combine(dir.FullName, name)).FirstOrDefault(File.Exists);
            if (file is null)
                continue;
            var cleared = Read(file, sources);
            if (cleared)
                break;
        }
        return sources.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool Read(string file, List<string> sources)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(file);
        }
        catch (System.Xml.XmlException e)
        {
            throw new PackageRestoreException($"The NuGet configuration '{file}' is not valid XML: {e.Message}", []);
        }
        var section = document.Root?.Element("packageSources");
        if (section is null)
            return false;
        var cleared = false;
        var found = new List<string>();
        foreach (var element in section.Elements())
        {
            if (element.Name.LocalName == "clear")
            {
                cleared = true;
                found.Clear();
            }
            else if (element.Name.LocalName == "add" && element.Attribute("value")?.Value is { Length: > 0 } value)
            {
                found.Add(Uri.TryCreate(value, UriKind.Absolute, out var uri) && !uri.IsFile
                    ? value
                    : Path.GetFullPath(value, Path.GetDirectoryName(file)!));
            }
        }
        sources.AddRange(found);
        return cleared;
    }
}
