using System;
using System.Collections.Generic;
using Sly.Generators.Model;

namespace Sly.Generators.Parsing.Locating;

/// <summary>
/// Maps the JSON pointers that diagnostics carry back to a line and column of the spec file, all of them in one
/// pass over the text: System.Text.Json's reader for JSON files, SharpYaml's node tree for YAML.
/// </summary>
internal sealed class SpecLineMap(string path, string text)
{
    private readonly bool _isJson = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, LocationInfo> LocateAll(IEnumerable<string> pointers) =>
        Collect(pointers, (trie, pointer) =>
        {
            var (line, column) = trie.Locate(pointer);
            return At(line, column);
        });

    /// <summary>The string values at the pointers, as the text spells them (a $ref's own text, for example).</summary>
    public IReadOnlyDictionary<string, string> ValuesAt(IEnumerable<string> pointers) =>
        Collect(pointers, (trie, pointer) => trie.ValueAt(pointer));

    private Dictionary<string, T> Collect<T>(IEnumerable<string> pointers, Func<PointerTrie, string, T?> read)
        where T : class
    {
        var distinct = new HashSet<string>(pointers, StringComparer.Ordinal);
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        if (distinct.Count == 0)
            return result;
        var trie = Walk(distinct);
        foreach (var pointer in distinct)
        {
            if (read(trie, pointer) is { } value)
                result[pointer] = value;
        }
        return result;
    }

    private PointerTrie Walk(IEnumerable<string> pointers)
    {
        var trie = PointerTrie.Build(pointers);
        if (_isJson)
            JsonPointerLocator.Locate(text, trie);
        else
            YamlPointerLocator.Locate(text, trie);
        return trie;
    }

    public LocationInfo At(int line, int column) => new(path, line, column);
}
