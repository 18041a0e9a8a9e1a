using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Diagnostics;
using Sly.Generators.Diagnostics;
using Sly.Generators.Model;

namespace Sly.Generators.Parsing;

/// <summary>Reads a spec's settings: AdditionalFiles metadata first, then project-wide MSBuild properties, then defaults.</summary>
internal static class GeneratorOptionsReader
{
    private static readonly Regex NamespacePattern = new(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant);
    private static readonly Regex AffixPattern = new(@"^[A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    public static bool IsSpec(AnalyzerConfigOptions fileOptions) =>
        fileOptions.TryGetValue("build_metadata.AdditionalFiles.SlyOpenApi", out var flag)
        && string.Equals(flag.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public static (GeneratorOptions Options, DiagnosticInfo? Error) Read(string path, AnalyzerConfigOptions file, AnalyzerConfigOptions global)
    {
        string? Get(string name)
        {
            if (file.TryGetValue("build_metadata.AdditionalFiles.Sly" + name, out var value) && !string.IsNullOrWhiteSpace(value))
                return value.Trim();
            if (global.TryGetValue("build_property.SlyOpenApi" + name, out value) && !string.IsNullOrWhiteSpace(value))
                return value.Trim();
            return null;
        }

        var @namespace = Get("Namespace")
            ?? (global.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root) ? root.Trim() : "OpenApi");
        var clientName = Get("ClientName") ?? CSharpNames.Pascal(Path.GetFileNameWithoutExtension(path), "Api");
        var prefix = Get("InterfacePrefix") ?? "I";
        var suffix = Get("InterfaceSuffix") ?? "Api";
        var tags = (Get("Tags") ?? "").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim()).Where(t => t.Length > 0);
        var apiResponseText = Get("ReturnApiResponse") ?? "false";

        var options = new GeneratorOptions(@namespace, clientName, prefix, suffix, tags.ToEquatableArray(),
            string.Equals(apiResponseText, "true", StringComparison.OrdinalIgnoreCase));

        DiagnosticInfo? Invalid(string option, string value, string allowed) =>
            new(DiagnosticDescriptors.InvalidOption.Id, new[] { option, value, allowed }.ToEquatableArray(), new LocationInfo(path, 0, 0));

        if (!NamespacePattern.IsMatch(@namespace))
            return (options, Invalid("SlyNamespace", @namespace, "a namespace is dotted C# identifiers (letters, digits, '_')"));
        if (!NamespacePattern.IsMatch(clientName) || clientName.Contains("."))
            return (options, Invalid("SlyClientName", clientName, "a client name is one C# identifier"));
        if (!AffixPattern.IsMatch(prefix))
            return (options, Invalid("SlyInterfacePrefix", prefix, "a prefix may hold only letters, digits and '_'"));
        if (!AffixPattern.IsMatch(suffix))
            return (options, Invalid("SlyInterfaceSuffix", suffix, "a suffix may hold only letters, digits and '_'"));
        if (!string.Equals(apiResponseText, "true", StringComparison.OrdinalIgnoreCase) && !string.Equals(apiResponseText, "false", StringComparison.OrdinalIgnoreCase))
            return (options, Invalid("SlyReturnApiResponse", apiResponseText, "it must be true or false"));
        return (options, null);
    }
}
