using System.Collections.Generic;
using System.Text;

namespace Sly.Generators.Parsing;

/// <summary>Turns untrusted spec strings into safe C# identifiers (ASCII letters, digits and '_', never a keyword).</summary>
internal static class CSharpNames
{
    private static readonly HashSet<string> Keywords = new()
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    private static readonly Dictionary<char, string> SymbolWords = new()
    {
        ['='] = "Eq", ['!'] = "Not", ['<'] = "Lt", ['>'] = "Gt", ['+'] = "Plus", ['*'] = "Star",
        ['%'] = "Percent", ['&'] = "And", ['|'] = "Or", ['~'] = "Tilde", ['@'] = "At",
        ['#'] = "Hash", ['$'] = "Dollar", ['^'] = "Caret", ['?'] = "Question",
    };

    /// <summary>"projects.info" → "ProjectsInfo", "per_page" → "PerPage"; symbols become words when nothing else is left.</summary>
    public static string Pascal(string text, string fallback)
    {
        var words = SplitWords(text, spellSymbols: false);
        if (words.Count == 0)
            words = SplitWords(text, spellSymbols: true);
        var builder = new StringBuilder();
        foreach (var word in words)
        {
            builder.Append(char.ToUpperInvariant(word[0]));
            builder.Append(word, 1, word.Length - 1);
        }
        var name = builder.Length == 0 ? fallback : builder.ToString();
        return char.IsDigit(name[0]) ? "_" + name : name;
    }

    /// <summary>An enum member name: symbols are always spelled ("!=" → "NotEq", "!in" → "NotIn").</summary>
    public static string EnumMember(string value)
    {
        var builder = new StringBuilder();
        foreach (var word in SplitWords(value, spellSymbols: true))
        {
            builder.Append(char.ToUpperInvariant(word[0]));
            builder.Append(word, 1, word.Length - 1);
        }
        var name = builder.Length == 0 ? "Empty" : builder.ToString();
        return char.IsDigit(name[0]) ? "_" + name : name;
    }

    /// <summary>A camelCase parameter name, escaped with '@' when it is a keyword.</summary>
    public static string Camel(string text, string fallback)
    {
        var pascal = Pascal(text, fallback);
        var camel = pascal[0] == '_' ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>Appends 2, 3, … until the name is not taken, then takes it.</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return candidate;
    }

    private static List<string> SplitWords(string text, bool spellSymbols)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (c < 128 && char.IsLetterOrDigit(c))
            {
                current.Append(c);
                continue;
            }
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
            if (spellSymbols && SymbolWords.TryGetValue(c, out var word))
                words.Add(word);
        }
        if (current.Length > 0)
            words.Add(current.ToString());
        return words;
    }
}
