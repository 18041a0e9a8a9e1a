using System.Text.Json;
using System.Text.RegularExpressions;
using Sly.Testing;

namespace Sly.Generators.Tests.Infrastructure.Corpus;

/// <summary>
/// Every corpus document built in one throwaway solution, as a package consumer would: a Contract project with the packed
/// generator, Refit, Nullable and GenerateDocumentationFile (one generator run per document, each its own namespace),
/// and an App that declares a Refit client per document and sends the planned calls to a loopback recorder.
/// One build of each keeps the whole corpus to minutes on two cores.
/// </summary>
internal sealed class CorpusBuild
{
    private static readonly Regex OperationRow = new(
        @"^\s*\(""(?:[^""\\]|\\.)*"", ""(?<verb>[A-Z]+)"", ""(?<path>(?:[^""\\]|\\.)*)"", typeof\(global::(?<interface>[^)]+)\), ""(?<method>[^""]+)""",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private CorpusBuild(IReadOnlyList<BuildDiagnostic> diagnostics, IReadOnlyDictionary<string, ExpectedCall> plan, IReadOnlyList<RecordedRequest> requests, string appOutput)
    {
        Diagnostics = diagnostics;
        Plan = plan;
        Requests = requests;
        AppOutput = appOutput;
    }

    /// <summary>Everything the Contract's compilation reported, the generator's SLYGEN diagnostics included.</summary>
    public IReadOnlyList<BuildDiagnostic> Diagnostics { get; }

    /// <summary>Call id ("&lt;client&gt;-get", "&lt;client&gt;-body") → what the spec says the request is.</summary>
    public IReadOnlyDictionary<string, ExpectedCall> Plan { get; }

    public IReadOnlyList<RecordedRequest> Requests { get; }

    public string AppOutput { get; }

    public static CorpusBuild Run()
    {
        var root = Directory.CreateTempSubdirectory("sly-gen-corpus-").FullName;
        try
        {
            GeneratorPackage.WriteNugetConfig(root);
            var contract = Path.Combine(root, "Contract");
            Directory.CreateDirectory(contract);
            var sarif = Path.Combine(root, "contract.sarif");
            GeneratorPackage.WriteProject(Path.Combine(contract, "Contract.csproj"), contract: true, $"""
                    <GenerateDocumentationFile>true</GenerateDocumentationFile>
                    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                    <ErrorLog>{sarif},version=2.1</ErrorLog>
                """, string.Join("\n", CorpusDocument.All.Select(d =>
                $"""    <AdditionalFiles Include="{d.Path}" SlyOpenApi="true" SlyNamespace="{d.Namespace}" SlyClientName="{d.ClientName}" />""")));
            var build = GeneratorPackage.Dotnet(contract, "build", "-c", "Release");
            Assert.True(File.Exists(sarif), "the Contract build wrote no error log:\n" + build.Output);
            var diagnostics = SarifLog.Read(sarif);
            build.EnsureSuccess("the Contract build");

            var generated = Path.Combine(contract, "obj", "Release", "net10.0", "generated", "Sly.Generators", "Sly.Generators.OpenApiClientGenerator");
            var plan = new Dictionary<string, ExpectedCall>(StringComparer.Ordinal);
            var calls = new List<object>();
            var clients = new List<string>();
            foreach (var document in CorpusDocument.All)
            {
                var table = Path.Combine(generated, document.ClientName + "Operations.g.cs");
                if (!File.Exists(table))
                    continue;
                var operations = OperationRow.Matches(File.ReadAllText(table)).ToDictionary(
                    m => m.Groups["verb"].Value + " " + Regex.Unescape(m.Groups["path"].Value), m => (Interface: m.Groups["interface"].Value, Method: m.Groups["method"].Value));
                var spec = RawSpec.Load(document.Path);
                var interfaces = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (kind, expected) in new[] { ("get", WirePlan.Get(spec)), ("body", WirePlan.JsonBody(spec)) })
                {
                    if (expected is null || !operations.TryGetValue(expected.Method + " " + expected.PathTemplate, out var operation))
                        continue;
                    var id = document.Stem + "-" + kind;
                    plan[id] = expected;
                    interfaces.Add("global::" + operation.Interface);
                    calls.Add(new { Id = id, ClientType = "CorpusApp.I" + document.ClientName + "Client, App", operation.Method });
                }
                if (interfaces.Count > 0)
                    clients.Add($"    public partial interface I{document.ClientName}Client : {string.Join(", ", interfaces)} {{ }}");
            }

            var app = Path.Combine(root, "App");
            Directory.CreateDirectory(app);
            GeneratorPackage.WriteProject(Path.Combine(app, "App.csproj"), contract: false);
            File.Copy(Path.Combine(CorpusDocument.Directory, "App", "Program.cs.txt"), Path.Combine(app, "Program.cs"));
            File.WriteAllText(Path.Combine(app, "Clients.cs"), "namespace CorpusApp\n{\n" + string.Join("\n", clients) + "\n}\n");
            var planFile = Path.Combine(root, "plan.json");
            File.WriteAllText(planFile, JsonSerializer.Serialize(calls));
            GeneratorPackage.Dotnet(app, "build", "-c", "Release").EnsureSuccess("the App build");

            using var recorder = new LoopbackRecorder();
            var run = GeneratorPackage.Dotnet(app, "run", "-c", "Release", "--no-build", "--", planFile, recorder.BaseUrl);
            return new CorpusBuild(diagnostics, plan, recorder.Requests, run.Output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
