using System.Reflection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using Sly.Api;
using Sly.Testing;

namespace Sly.Api.Tests;

/// <summary>The generated contract assembly holds every operation of openapi/supervisely.yaml with its exact path.</summary>
public sealed class ContractTests
{
    private static readonly Lazy<OpenApiDocument> Spec = new(() =>
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var text = File.ReadAllText(Path.Combine(Prerequisite.RepoRoot, "openapi", "supervisely.yaml"));
        var result = OpenApiDocument.Parse(text, "yaml", settings);
        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Empty(result.Diagnostic.Warnings);
        return result.Document!;
    });

    public static TheoryData<string, string, string> Operations()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var path in Spec.Value.Paths)
        {
            foreach (var operation in path.Value.Operations!)
                data.Add(path.Key, operation.Key.Method, operation.Value.OperationId!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_operation_is_a_method_with_its_exact_path(string path, string verb, string operationId)
    {
        var operation = Spec.Value.Paths[path].Operations!.Single(o => o.Key.Method == verb).Value;
        var tag = operation.Tags!.Single().Name!;
        var api = typeof(SuperviselyOperations).Assembly.GetType("Sly.Api.I" + tag + "Api", throwOnError: true)!;
        var method = api.GetMethod(char.ToUpperInvariant(operationId[0]) + operationId[1..] + "Async")!;
        Assert.NotNull(method);

        var attribute = method.GetCustomAttributes().OfType<Refit.HttpMethodAttribute>().Single();
        Assert.Equal(verb, attribute.Method.Method);
        Assert.Equal(path, attribute.Path);
        Assert.Equal(typeof(CancellationToken), method.GetParameters().Last().ParameterType);

        var isExtension = operation.Extensions?.ContainsKey("x-sly-extension") == true;
        Assert.Equal(isExtension, method.GetCustomAttribute<SuperviselyExtensionAttribute>() is not null);
        Assert.Equal(isExtension, path.StartsWith("/sly.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_operation_table_lists_exactly_the_spec_operations()
    {
        var fromSpec = Spec.Value.Paths.SelectMany(p => p.Value.Operations!.Select(o => (o.Value.OperationId!, p.Key))).OrderBy(x => x.Item1).ToList();
        var generated = SuperviselyOperations.All.Select(o => (o.OperationId, o.Path)).OrderBy(x => x.OperationId).ToList();
        Assert.Equal(fromSpec, generated);
        Assert.Equal("/public/api/v3", SuperviselyOperations.ServerPath);
    }

    [Fact]
    public void The_contract_covers_what_ai_search_needs()
    {
        var required = new[]
        {
            "projects.info", "projects.list", "projects.add", "projects.editInfo", "projects.embeddings-in-progress.update", "projects.meta",
            "embeddings.calculate-project-embeddings", "embeddings.send-ai-search",
            "entities-collections.add", "entities-collections.list", "entities-collections.info", "entities-collections.remove",
            "entities-collections.items.bulk.add", "entities-collections.items.bulk.remove",
            "images.list", "images.info", "images.download", "images.internal.hashes.list", "images.bulk.upload", "images.bulk.add",
            "images.bulk.remove", "images.embeddings-updated-at.update", "datasets.add", "datasets.list", "datasets.info",
            "annotations.bulk.copy", "jobs.add", "jobs.info", "instance.version",
        };
        var paths = SuperviselyOperations.All.Select(o => o.Path).ToHashSet();
        Assert.All(required, method => Assert.Contains("/" + method, paths));
        Assert.All(SuperviselyOperations.All, o => Assert.Equal("POST", o.HttpMethod));
    }
}
