using System.Text;
using System.Text.RegularExpressions;

namespace Sly.Notebooks.Directives;

/// <summary>
/// Finds the .NET Interactive directives at the start of a cell's lines: <c>#r "nuget: Name[, Version]"</c>,
/// <c>#r "path/to.dll"</c>, <c>#i "nuget: folder-or-feed"</c>, a kernel selector such as <c>#!csharp</c>, and <c>#!time</c>.
/// Relative paths resolve against the notebook's folder.
/// </summary>
public static partial class DirectiveParser
{
    /// <summary>Splits a cell's code into directives and the C# to compile.</summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="baseDirectory">The notebook's folder: relative <c>#r</c> and <c>#i</c> paths resolve against it.</param>
    /// <exception cref="NotebookDirectiveException">A directive is malformed or names a kernel or magic that is not supported.</exception>
    public static ParsedSubmission Parse(string code, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        var packages = new List<NuGetPackageReference>();
        var sources = new List<string>();
        var assemblies = new List<string>();
        string? kernel = null;
        var timed = false;
        var seenCode = false;

        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new StringBuilder(code.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var lineNumber = i + 1;
            var trimmed = line.TrimStart();
            var isDirective = true;
            if (IsDirective(trimmed, "#r"))
            {
                var reference = ReferenceDirective().Match(trimmed);
                if (!reference.Success)
                    throw new NotebookDirectiveException(lineNumber, "#r takes a quoted value: #r \"nuget: Name[, Version]\" or #r \"path/to.dll\".");
                var value = reference.Groups["value"].Value.Trim();
                if (value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                    packages.Add(ParsePackage(value["nuget:".Length..], lineNumber));
                else
                    assemblies.Add(ResolvePath(value, baseDirectory, lineNumber, "#r"));
            }
            else if (IsDirective(trimmed, "#i"))
            {
                var source = SourceDirective().Match(trimmed);
                if (!source.Success)
                    throw new NotebookDirectiveException(lineNumber, "#i takes a quoted value: #i \"nuget: <folder or feed URL>\".");
                var value = source.Groups["value"].Value.Trim();
                if (!value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                    throw new NotebookDirectiveException(lineNumber, $"#i takes \"nuget: <folder or feed URL>\", not \"{value}\".");
                sources.Add(ResolveSource(value["nuget:".Length..].Trim(), baseDirectory, lineNumber));
            }
            else if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var name = trimmed[2..].Trim();
                var canonical = KernelNames.Normalize(name);
                if (canonical is not null)
                {
                    if (seenCode || kernel is not null)
                        throw new NotebookDirectiveException(lineNumber, $"the kernel selector '#!{name}' must be the cell's first line; a cell runs in one language.");
                    kernel = canonical;
                }
                else if (name == "time")
                {
                    timed = true;
                }
                else
                {
                    throw new NotebookDirectiveException(lineNumber,
                        $"'#!{name}' is not supported; this engine understands #!csharp (#!c#, #!C#), #!markdown (#!md), #!html and #!time.");
                }
            }
            else
            {
                isDirective = false;
                if (trimmed.Length > 0)
                    seenCode = true;
            }

            if (!isDirective)
                output.Append(line);
            if (i < lines.Length - 1)
                output.Append('\n');
        }
        return new ParsedSubmission(output.ToString(), kernel, timed, packages, sources, assemblies);
    }

    private static bool IsDirective(string trimmed, string name) =>
        trimmed.StartsWith(name, StringComparison.Ordinal) && (trimmed.Length == name.Length || char.IsWhiteSpace(trimmed[name.Length]) || trimmed[name.Length] == '"');

    private static NuGetPackageReference ParsePackage(string text, int line)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var name = (comma < 0 ? text : text[..comma]).Trim();
        var version = comma < 0 ? null : text[(comma + 1)..].Trim();
        if (name.Length == 0 || !PackageId().IsMatch(name))
            throw new NotebookDirectiveException(line, $"#r \"nuget: Name[, Version]\" needs a package id of letters, digits, '.', '-' and '_', not '{name}'.");
        if (version is not null && (version.Length == 0 || version.Any(char.IsWhiteSpace) || version.Contains('"', StringComparison.Ordinal)))
            throw new NotebookDirectiveException(line, $"#r \"nuget: {name}, Version\": the version is a version (1.2.3), a floating version (*-*, 1.*) or a range ([1.0,2.0)), not '{version}'.");
        return new NuGetPackageReference(name, version);
    }

    private static string ResolveSource(string value, string baseDirectory, int line)
    {
        if (value.Length == 0)
            throw new NotebookDirectiveException(line, "#i \"nuget: …\" needs a local folder or a feed URL.");
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return value;
        if (uri is { IsFile: true } && value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return uri.LocalPath;
        return ResolvePath(value, baseDirectory, line, "#i");
    }

    private static string ResolvePath(string value, string baseDirectory, int line, string directive)
    {
        if (value.Length == 0)
            throw new NotebookDirectiveException(line, $"{directive} needs a path.");
        if (value == "~" || value.StartsWith("~/", StringComparison.Ordinal))
            value = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), value.Length > 2 ? value[2..] : "");
        try
        {
            return Path.GetFullPath(value, Path.GetFullPath(baseDirectory));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new NotebookDirectiveException(line, $"{directive} \"{value}\" is not a valid path: {e.Message}");
        }
    }

    [GeneratedRegex("""^#r\s+"(?<value>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex ReferenceDirective();

    [GeneratedRegex("""^#i\s+"(?<value>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex SourceDirective();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex PackageId();
}
