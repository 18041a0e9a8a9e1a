using System.Text.Json.Nodes;

namespace Sly.Generators.Tests.Infrastructure.Corpus;

/// <summary>One compiler diagnostic from the build's SARIF 2.1 error log (the compiler's /errorlog).</summary>
internal sealed record BuildDiagnostic(string Id, string Level, string Message, string? File, int Line, int Column);

internal static class SarifLog
{
    public static IReadOnlyList<BuildDiagnostic> Read(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var results = new List<BuildDiagnostic>();
        foreach (var run in root["runs"]!.AsArray())
        {
            foreach (var result in run!["results"]?.AsArray() ?? new JsonArray())
            {
                if (result!["suppressions"] is JsonArray { Count: > 0 })
                    continue; // #pragma warning disable in the source: not reported to the user
                var location = result!["locations"]?.AsArray().FirstOrDefault()?["physicalLocation"];
                var uri = location?["artifactLocation"]?["uri"]?.GetValue<string>();
                var region = location?["region"];
                results.Add(new BuildDiagnostic(
                    result["ruleId"]!.GetValue<string>(),
                    result["level"]?.GetValue<string>() ?? "warning",
                    result["message"]?["text"]?.GetValue<string>() ?? "",
                    uri is null ? null : Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile ? absolute.LocalPath : Uri.UnescapeDataString(uri),
                    region?["startLine"]?.GetValue<int>() ?? 0,
                    region?["startColumn"]?.GetValue<int>() ?? 0));
            }
        }
        return results;
    }
}
