using System;
using System.IO;
using SharpYaml.Serialization;

namespace Sly.Generators.Parsing.Locating;

/// <summary>Finds JSON pointers in a YAML document through SharpYaml's node tree (the YAML reader's own parser).</summary>
internal static class YamlPointerLocator
{
    public static void Locate(string text, PointerTrie wanted)
    {
        var root = Load(text);
        if (root is not null)
            Walk(root, wanted);
    }

    private static void Walk(YamlNode node, PointerTrie wanted)
    {
        if (!wanted.HasChildren)
            return;
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var entry in mapping.Children)
                {
                    if (entry.Key is YamlScalarNode key && key.Value is not null && wanted.Child(key.Value) is { } child)
                    {
                        child.Found = (key.Start.Line, key.Start.Column);
                        if (entry.Value is YamlScalarNode scalar)
                            child.Value = scalar.Value;
                        Walk(entry.Value, child);
                    }
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    if (wanted.Child(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } child)
                    {
                        child.Found = (sequence.Children[i].Start.Line, sequence.Children[i].Start.Column);
                        if (sequence.Children[i] is YamlScalarNode scalar)
                            child.Value = scalar.Value;
                        Walk(sequence.Children[i], child);
                    }
                }
                break;
        }
    }

    private static YamlNode? Load(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (Exception)
        {
            // An unreadable document already has its own diagnostic; its details only lose their line.
            return null;
        }
    }
}
