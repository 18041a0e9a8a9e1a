using Sly.Generators.Tests.Infrastructure;
using Sly.Testing;

namespace Sly.Generators.Tests;

/// <summary>
/// The parser travels inside the analyzer: Sly.Generators is packed, then consumed as a .nupkg by a fresh project
/// (no project reference), built twice in a row by the long-lived compiler server, the spec edited in between.
/// </summary>
public sealed class PackageConsumptionTests
{
    [Fact]
    public void Packed_generator_works_in_a_fresh_project_and_a_long_lived_compiler_server()
    {
        var root = Directory.CreateTempSubdirectory("sly-gen-package-").FullName;
        try
        {
            var package = Path.Combine(GeneratorPackage.Feed, "Sly.Generators." + GeneratorPackage.Version + ".nupkg");
            Assert.True(File.Exists(package), "no package at " + package);
            using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
            {
                var entries = zip.Entries.Select(e => e.FullName).ToList();
                foreach (var dll in new[] { "Sly.Generators.dll", "Microsoft.OpenApi.dll", "Microsoft.OpenApi.YamlReader.dll", "SharpYaml.dll" })
                    Assert.Contains("analyzers/dotnet/cs/" + dll, entries);
                Assert.Contains("build/Sly.Generators.props", entries);
            }

            // The recommended shape: the spec and the generator in a contract project, the Refit client downstream.
            var consumer = Path.Combine(root, "consumer");
            var contract = Path.Combine(consumer, "Contract");
            var app = Path.Combine(consumer, "App");
            Directory.CreateDirectory(contract);
            Directory.CreateDirectory(app);
            GeneratorPackage.WriteNugetConfig(consumer);
            const string WarningsAsErrors = "    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>";
            GeneratorPackage.WriteProject(Path.Combine(contract, "Contract.csproj"), contract: true, WarningsAsErrors,
                """    <AdditionalFiles Include="petstore.yaml" SlyOpenApi="true" SlyNamespace="Consumer.Api" />""");
            GeneratorPackage.WriteProject(Path.Combine(app, "App.csproj"), contract: false, WarningsAsErrors);
            var spec = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Specs", "basic.yaml"));
            var specPath = Path.Combine(contract, "petstore.yaml");
            File.WriteAllText(specPath, spec);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using Refit;
                var client = RestService.For<Consumer.IPetstore>("http://127.0.0.1:9");
                Console.WriteLine("client:" + (client is Consumer.IPetstore));
                Console.WriteLine("pet-properties:" + string.Join(",", typeof(Consumer.Api.Pet).GetProperties().Select(p => p.Name).OrderBy(n => n)));
                namespace Consumer { public partial interface IPetstore : Consumer.Api.IPetsApi { } }
                """);
            consumer = app;

            Dotnet(consumer, "build", "-c", "Release").EnsureSuccess("first build");
            var first = Dotnet(consumer, "run", "-c", "Release", "--no-build").EnsureSuccess("first run").Output;
            Assert.Contains("client:True", first);
            Assert.DoesNotContain("Nickname", first);

            File.WriteAllText(specPath,
                spec.Replace("        vaccinated: {type: boolean}", "        vaccinated: {type: boolean}\n        nickname: {type: string}"));
            Dotnet(consumer, "build", "-c", "Release", "--no-restore").EnsureSuccess("second build");
            var second = Dotnet(consumer, "run", "-c", "Release", "--no-build").EnsureSuccess("second run").Output;
            Assert.Contains("Nickname", second);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static ProcessRunner.Result Dotnet(string workingDirectory, params string[] arguments) =>
        GeneratorPackage.Dotnet(workingDirectory, arguments);
}
