using System;
using System.Collections.Generic;
using System.Text;

namespace Sly.Generators.Emitting;

/// <summary>
/// Writes spec text as XML doc comments. The text is untrusted: it is XML-escaped and split on every character
/// the C# compiler treats as a line break, so no spec string can end the comment and become code.
/// </summary>
internal static class XmlDoc
{
    private static readonly char[] LineBreaks = { '\r', '\n', '\u0085', '\u2028', '\u2029' };

    public static void Summary(SourceWriter writer, string? summary, string? remarks = null)
    {
        var summaryLines = Lines(summary);
        var remarkLines = Lines(remarks);
        if (summaryLines.Count == 0 && remarkLines.Count > 0)
        {
            summaryLines = remarkLines;
            remarkLines = new List<string>();
        }
        if (summaryLines.Count > 0)
            Block(writer, "summary", summaryLines);
        if (remarkLines.Count > 0 && !SameText(summaryLines, remarkLines))
            Block(writer, "remarks", remarkLines);
    }

    /// <summary>A param tag for every parameter: one without text would leave the method's docs incomplete (CS1573).</summary>
    public static void Param(SourceWriter writer, string name, string? text, string fallback)
    {
        var lines = Lines(text);
        if (lines.Count == 0)
            lines = Lines(fallback);
        writer.Line("/// <param name=\"" + name.TrimStart('@') + "\">" + string.Join(" ", lines) + "</param>");
    }

    private static void Block(SourceWriter writer, string tag, List<string> lines)
    {
        writer.Line("/// <" + tag + ">");
        for (var i = 0; i < lines.Count; i++)
            writer.Line(lines[i].Length == 0 ? "///" : "/// " + lines[i]);
        writer.Line("/// </" + tag + ">");
    }

    private static bool SameText(List<string> a, List<string> b) => string.Join(" ", a) == string.Join(" ", b);

    private static List<string> Lines(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
            return result;
        foreach (var raw in text!.Split(LineBreaks))
        {
            var line = Escape(raw).TrimEnd();
            if (line.Length == 0 && (result.Count == 0 || result[result.Count - 1].Length == 0))
                continue;
            result.Add(line);
        }
        while (result.Count > 0 && result[result.Count - 1].Length == 0)
            result.RemoveAt(result.Count - 1);
        return result;
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                default:
                    if (c >= ' ' || c == '\t')
                        builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }
}
