using System;
using System.Collections.Generic;
using System.IO;
using SharpYaml.Serialization;
using Sly.Generators.Model;

namespace Sly.Generators.Parsing;

/// <summary>
/// Maps the JSON pointers that Microsoft.OpenApi reports back to a line and column of the spec file.
/// YAML is a superset of JSON, so one YAML node tree serves both formats. Built only when a diagnostic needs it.
/// </summary>
internal sealed class SpecLineMap
{
    private readonly string _path;
    private readonly Lazy<YamlNode?> _root;

    public SpecLineMap(string path, string text)
    {
        _path = path;
        _root = new Lazy<YamlNode?>(() => Load(text));
    }

    public LocationInfo Locate(string? pointer)
    {
        var node = _root.Value;
        if (node is null || string.IsNullOrEmpty(pointer))
            return At(0, 0);
        var mark = node.Start;
        foreach (var segment in Segments(pointer!))
        {
            switch (node)
            {
                case YamlMappingNode mapping:
                    YamlNode? next = null;
                    foreach (var entry in mapping.Children)
                    {
                        if (entry.Key is YamlScalarNode key && key.Value == segment)
                        {
                            mark = key.Start;
                            next = entry.Value;
                            break;
                        }
                    }
                    if (next is null)
                        return At(mark.Line, mark.Column);
                    node = next;
                    break;
                case YamlSequenceNode sequence when int.TryParse(segment, out var index) && index >= 0 && index < sequence.Children.Count:
                    node = sequence.Children[index];
                    mark = node.Start;
                    break;
                default:
                    return At(mark.Line, mark.Column);
            }
        }
        return At(mark.Line, mark.Column);
    }

    public LocationInfo At(int line, int column) => new(_path, line, column);

    private static IEnumerable<string> Segments(string pointer)
    {
        var trimmed = pointer.StartsWith("#", StringComparison.Ordinal) ? pointer.Substring(1) : pointer;
        foreach (var raw in trimmed.Split('/'))
        {
            if (raw.Length == 0)
                continue;
            yield return Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
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
