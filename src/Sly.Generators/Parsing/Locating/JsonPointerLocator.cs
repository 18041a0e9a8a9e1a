using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Sly.Generators.Parsing.Locating;

/// <summary>
/// Finds JSON pointers in a JSON document in one forward pass of System.Text.Json's Utf8JsonReader, recording where
/// each wanted key or array element starts. A YAML node tree of a 13 MB JSON document costs seconds; this pass costs
/// tens of milliseconds and holds only the wanted pointers.
/// </summary>
internal static class JsonPointerLocator
{
    public static void Locate(string text, PointerTrie wanted)
    {
        // Offsets are counted in UTF-16 code units of the text as the compiler shows it; a BOM is not part of it.
        var skip = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var bytes = Encoding.UTF8.GetBytes(text.Substring(skip));
        var lines = new LineIndex(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new Stack<Frame>();
        try
        {
            if (!reader.Read())
                return;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                frames.Push(new Frame(wanted, reader.TokenType == JsonTokenType.StartArray));
            else
                return;
            PointerTrie? pending = null;
            while (frames.Count > 0 && reader.Read())
            {
                var frame = frames.Peek();
                switch (reader.TokenType)
                {
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        continue;
                    case JsonTokenType.PropertyName:
                        pending = frame.Node?.Child(reader.GetString()!);
                        if (pending is not null)
                            pending.Found = lines.Position((int)reader.TokenStartIndex);
                        else if (reader.Read())
                            reader.Skip();
                        continue;
                }
                // A value: an array element (located at its start) or the value of the property just read.
                PointerTrie? target;
                if (frame.IsArray)
                {
                    target = frame.Node?.Child(frame.NextIndex().ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (target is not null)
                        target.Found = lines.Position((int)reader.TokenStartIndex);
                }
                else
                {
                    target = pending;
                }
                pending = null;
                if (target is not null && reader.TokenType == JsonTokenType.String)
                    target.Value = reader.GetString();
                else if (target is not null && reader.TokenType is JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
                    target.Value = Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    if (target is { HasChildren: true })
                        frames.Push(new Frame(target, reader.TokenType == JsonTokenType.StartArray));
                    else
                        reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable document has its own diagnostic; what was found so far still counts.
        }
    }

    private sealed class Frame(PointerTrie? node, bool isArray)
    {
        private int _index = -1;

        public PointerTrie? Node { get; } = node;

        public bool IsArray { get; } = isArray;

        public int NextIndex() => ++_index;
    }

    /// <summary>Byte offset → 0-based line and UTF-16 column.</summary>
    private sealed class LineIndex
    {
        private readonly byte[] _bytes;
        private readonly List<int> _starts = new() { 0 };

        public LineIndex(byte[] bytes)
        {
            _bytes = bytes;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                    _starts.Add(i + 1);
            }
        }

        public (int Line, int Column) Position(int offset)
        {
            var line = _starts.BinarySearch(offset);
            if (line < 0)
                line = ~line - 1;
            var start = _starts[line];
            return (line, Encoding.UTF8.GetCharCount(_bytes, start, offset - start));
        }
    }
}
