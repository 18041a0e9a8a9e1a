using System.Text.Json.Nodes;
using Sly.Generators.Parsing.Locating;
using Sly.Generators.Tests.Infrastructure.Corpus;

namespace Sly.Generators.Tests;

/// <summary>JSON files are located by System.Text.Json's reader, YAML by SharpYaml's tree: both agree on any JSON text.</summary>
public sealed class PointerLocatorTests
{
    [Theory]
    [InlineData("nexmo-application.json")]
    [InlineData("xero-bankfeeds.json")]
    public void The_json_reader_and_the_yaml_tree_put_every_pointer_at_the_same_line_and_column(string fileName)
    {
        var document = CorpusDocument.Named(fileName);
        var text = File.ReadAllText(document.Path);
        var pointers = new List<string>();
        Collect(JsonNode.Parse(text)!, "#", pointers);
        pointers.Add("#/paths/~1no~1such~1path/get");

        var json = PointerTrie.Build(pointers);
        JsonPointerLocator.Locate(text, json);
        var yaml = PointerTrie.Build(pointers);
        YamlPointerLocator.Locate(text, yaml);

        Assert.True(pointers.Count > 300, pointers.Count + " pointers");
        foreach (var pointer in pointers)
        {
            Assert.Equal((pointer, yaml.Locate(pointer)), (pointer, json.Locate(pointer)));
            Assert.Equal((pointer, yaml.ValueAt(pointer)), (pointer, json.ValueAt(pointer)));
        }
    }

    [Fact]
    public void A_pointer_is_found_at_its_key_and_a_string_value_is_read_as_written()
    {
        const string Text = "{\n  \"paths\": {\n    \"/a/{id}\": {\n      \"get\": { \"$ref\": \"#/x~1y\" }\n    }\n  }\n}\n";
        var trie = PointerTrie.Build(new[] { "#/paths/~1a~1%7Bid%7D/get/$ref" });
        JsonPointerLocator.Locate(Text, trie);

        Assert.Equal((3, 15), trie.Locate("#/paths/~1a~1%7Bid%7D/get/$ref"));
        Assert.Equal("#/x~1y", trie.ValueAt("#/paths/~1a~1%7Bid%7D/get/$ref"));
    }

    private static void Collect(JsonNode node, string pointer, List<string> pointers)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var child = pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    pointers.Add(child);
                    if (value is not null)
                        Collect(value, child, pointers);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    pointers.Add(pointer + "/" + i);
                    if (array[i] is not null)
                        Collect(array[i]!, pointer + "/" + i, pointers);
                }
                break;
        }
    }
}
