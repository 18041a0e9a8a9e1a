using System.Text.Json.Nodes;
using SharpYaml.Serialization;

namespace Sly.Generators.Tests.Infrastructure.Corpus;

/// <summary>
/// An OpenAPI document read as plain JSON nodes (YAML through SharpYaml's node tree), with local <c>$ref</c>s followed
/// by JSON pointer: what the tests expect on the wire comes from here, never from the generator's model.
/// </summary>
internal sealed class RawSpec(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public static RawSpec Load(string path)
    {
        var text = File.ReadAllText(path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return new RawSpec(JsonNode.Parse(text)!.AsObject());
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new RawSpec(FromYaml(stream.Documents[0].RootNode)!.AsObject());
    }

    /// <summary>The node itself, or what its <c>$ref</c> chain points at.</summary>
    public JsonNode? Deref(JsonNode? node)
    {
        for (var hops = 0; hops < 32 && node is JsonObject obj && obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var pointer); hops++)
            node = pointer.StartsWith("#/", StringComparison.Ordinal) ? At(pointer) : null;
        return node;
    }

    public JsonNode? At(string pointer)
    {
        JsonNode? node = Root;
        foreach (var raw in pointer.Substring(2).Split('/'))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
            node = Deref(node) switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }
        return node;
    }

    private static JsonNode? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, FromYaml(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(FromYaml).ToArray()),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
