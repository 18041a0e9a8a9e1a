using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace Sly.Generators.Tests.Infrastructure;

/// <summary>A spec's generated code compiled to a real assembly and loaded, to exercise it at run time.</summary>
internal sealed class CompiledSpec
{
    private readonly Assembly _assembly;

    private CompiledSpec(Assembly assembly) => _assembly = assembly;

    public static CompiledSpec Load(string specFile)
    {
        var run = GeneratorRun.Run(SpecFiles.Read("Specs", specFile), "/specs/" + specFile);
        using var stream = new MemoryStream();
        var emitted = run.Output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        return new CompiledSpec(new AssemblyLoadContext(specFile, isCollectible: true).LoadFromStream(stream));
    }

    public Type Type(string name) => _assembly.GetType("Generated.Api." + name, throwOnError: true)!;

    public object Deserialize(string typeName, string json) => JsonSerializer.Deserialize(json, Type(typeName))!;

    public string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType());

    public static object? Get(object target, string property) =>
        target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.GetValue(target);
}
