using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sly.Generators.Tests.Infrastructure;
using Sly.Generators.Tests.Infrastructure.Corpus;

namespace Sly.Generators.Tests;

/// <summary>
/// Real OpenAPI documents (Corpus/SOURCES.md) through the packed generator: each builds to a client with no compiler
/// warning or error in its generated code, reports the SLYGEN diagnostics checked in under Corpus/Summaries, and sends
/// the spec's requests: method, path, query names and JSON body property names as the document spells them.
/// </summary>
public sealed class CorpusTests
{
    private static readonly Lazy<CorpusBuild> Build = new(CorpusBuild.Run, LazyThreadSafetyMode.ExecutionAndPublication);

    public static TheoryData<string> Documents => new(CorpusDocument.All.Select(d => d.FileName));

    [Fact]
    public void The_corpus_has_at_least_twenty_documents_of_both_versions_and_formats_and_one_of_two_megabytes()
    {
        var all = CorpusDocument.All;
        Assert.True(all.Count >= 20, $"{all.Count} documents");
        Assert.Contains(all, d => d.FileName.EndsWith(".yaml", StringComparison.Ordinal));
        Assert.Contains(all, d => d.FileName.EndsWith(".json", StringComparison.Ordinal));
        Assert.Contains(all, d => new FileInfo(d.Path).Length >= 2 * 1024 * 1024);
        var versions = all.Select(d => Regex.Match(File.ReadAllText(d.Path), @"""?openapi""?\s*:\s*""?(3\.[01])").Groups[1].Value).ToHashSet();
        Assert.Equal(new HashSet<string> { "3.0", "3.1" }, versions);
        var sources = File.ReadAllText(Path.Combine(CorpusDocument.Directory, "SOURCES.md"));
        Assert.All(all, d => Assert.Contains("`" + d.FileName + "`", sources));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_builds_to_a_client_without_warnings_and_reports_its_checked_in_diagnostics(string fileName)
    {
        var document = CorpusDocument.Named(fileName);
        var build = Build.Value;

        var generated = build.Diagnostics.Where(d => d.Level is "warning" or "error" && !d.Id.StartsWith("SLYGEN", StringComparison.Ordinal) && IsGeneratedFor(document, d.File)).ToList();
        Assert.True(generated.Count == 0, "compiler diagnostics in generated code:\n" + string.Join("\n", generated.Take(20)));
        var own = build.Diagnostics.Where(d => d.Id.StartsWith("SLYGEN", StringComparison.Ordinal) && (d.File == document.Path || d.Message.Contains(document.ClientName, StringComparison.Ordinal) && d.File is null)).ToList();
        Assert.DoesNotContain(own, d => d.Level == "error");
        var summary = own
            .OrderBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => $"{d.Id} {d.Level} {d.Line}:{d.Column} {d.Message.Replace(document.Path, document.FileName, StringComparison.Ordinal)}")
            .ToList();
        Baseline.VerifyText("Corpus", document.Stem + ".txt", summary.Count == 0 ? "(none)\n" : string.Join("\n", summary) + "\n", CorpusDocument.Directory, "Summaries");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Generated_client_sends_the_requests_the_document_describes(string fileName)
    {
        var document = CorpusDocument.Named(fileName);
        var build = Build.Value;
        var spec = RawSpec.Load(document.Path);
        var get = WirePlan.Get(spec);
        Assert.True(get is not null && get.PathTemplate.Contains('{', StringComparison.Ordinal) && get.QueryNames.Count > 0,
            "the document has no GET with path and scalar query parameters to call");
        Assert.True(WirePlan.JsonBody(spec) is not null, "the document has no operation with a JSON object body to call");

        foreach (var kind in new[] { "get", "body" })
        {
            var id = document.Stem + "-" + kind;
            Assert.True(build.Plan.TryGetValue(id, out var expected), $"{id}: the generated operation table has no such operation");
            var request = build.Requests.SingleOrDefault(r => r.RawUrl.StartsWith("/" + id + "/", StringComparison.Ordinal));
            Assert.True(request is not null, $"{id}: no request arrived for {expected.Method} {expected.PathTemplate}\n{build.AppOutput}");
            Assert.Equal(expected.Method, request.Method);
            var url = request.RawUrl.Substring(id.Length + 1);
            var path = url.Split('?')[0];
            Assert.Matches(PathPattern(expected.PathTemplate), path);
            var query = url.Contains('?', StringComparison.Ordinal)
                ? url.Substring(url.IndexOf('?', StringComparison.Ordinal) + 1).Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => Uri.UnescapeDataString(p.Split('=')[0])).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList()
                : new List<string>();
            Assert.Equal(expected.QueryNames, query);
            if (expected.BodyProperties is not null)
            {
                var body = JsonNode.Parse(request.Body) as JsonObject;
                Assert.True(body is not null, $"{id}: the body is not a JSON object: {request.Body}");
                Assert.Equal(expected.BodyProperties, body.Select(p => p.Key).OrderBy(n => n, StringComparer.Ordinal).ToList());
            }
        }
    }

    /// <summary>The template's literal text, each {placeholder} one non-empty segment part.</summary>
    private static string PathPattern(string template) =>
        "^" + string.Concat(Regex.Split(template, @"(\{[^}]+\})").Select(part => part.StartsWith('{') ? "[^/]+" : Regex.Escape(Uri.EscapeDataString(part).Replace("%2F", "/", StringComparison.Ordinal)))) + "$";

    private static bool IsGeneratedFor(CorpusDocument document, string? file)
    {
        var name = Path.GetFileName(file ?? "");
        return name.StartsWith(document.ClientName + ".", StringComparison.Ordinal)
            || name == document.ClientName + "Operations.g.cs" || name == document.ClientName + "ExtensionAttribute.g.cs";
    }
}
