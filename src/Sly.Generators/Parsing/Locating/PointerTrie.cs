using System;
using System.Collections.Generic;

namespace Sly.Generators.Parsing.Locating;

/// <summary>
/// The JSON pointers to locate, as a tree of their segments, so one walk over a document finds all of them.
/// Each node keeps the deepest place found so far on its way: a pointer that goes further than the document
/// points at the last key it did find.
/// </summary>
internal sealed class PointerTrie
{
    private readonly Dictionary<string, PointerTrie> _children = new(StringComparer.Ordinal);

    public (int Line, int Column)? Found { get; set; }

    /// <summary>The scalar at this pointer as the text spells it (a string's content, a number's digits).</summary>
    public string? Value { get; set; }

    public bool HasChildren => _children.Count > 0;

    public PointerTrie? Child(string segment) => _children.TryGetValue(segment, out var child) ? child : null;

    public static PointerTrie Build(IEnumerable<string> pointers)
    {
        var root = new PointerTrie();
        foreach (var pointer in pointers)
        {
            var node = root;
            foreach (var segment in Segments(pointer))
            {
                if (!node._children.TryGetValue(segment, out var child))
                    node._children[segment] = child = new PointerTrie();
                node = child;
            }
        }
        return root;
    }

    /// <summary>The location of a pointer: of its deepest segment that the walk found, else the document start.</summary>
    public (int Line, int Column) Locate(string pointer)
    {
        var node = this;
        var found = (0, 0);
        foreach (var segment in Segments(pointer))
        {
            node = node.Child(segment);
            if (node?.Found is not { } place)
                break;
            found = place;
        }
        return found;
    }

    /// <summary>The scalar at a pointer, when the walk found one there.</summary>
    public string? ValueAt(string pointer)
    {
        var node = this;
        foreach (var segment in Segments(pointer))
        {
            node = node.Child(segment);
            if (node is null)
                return null;
        }
        return node.Value;
    }

    /// <summary>"#/paths/~1pets~1%7Bid%7D/get" → "paths", "/pets/{id}", "get" (URI fragment escapes, then ~1 and ~0).</summary>
    public static IEnumerable<string> Segments(string pointer)
    {
        var trimmed = pointer.StartsWith("#", StringComparison.Ordinal) ? pointer.Substring(1) : pointer;
        foreach (var raw in trimmed.Split('/'))
        {
            if (raw.Length == 0)
                continue;
            yield return Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
        }
    }
}
