using System.Collections;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Sly.Notebooks.Parameters;

/// <summary>
/// Writes parameters as C# the way papermill's C# translator does: <c>var name = value;</c> per parameter under a
/// <c>// Parameters</c> comment; strings as escaped C# literals, integers with an <c>L</c> suffix beyond int's range,
/// <c>true</c>/<c>false</c>, doubles, <c>new [] { … }</c> for lists and <c>new Dictionary&lt;string,Object&gt;{ { "k", v } }</c>
/// for maps. papermill cannot express None in C#; here a null parameter becomes <c>object name = null;</c>.
/// </summary>
public static class CSharpParameterTranslator
{
    /// <summary>The source of the injected parameters cell.</summary>
    public static string Codify(IReadOnlyDictionary<string, object?> parameters, string comment = "Parameters")
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var builder = new StringBuilder();
        builder.Append("// ").Append(comment).Append('\n');
        foreach (var (name, value) in parameters)
            builder.Append(Assign(name, value)).Append('\n');
        return builder.ToString();
    }

    /// <summary>One assignment: <c>var name = literal;</c>, or <c>object name = null;</c> for null.</summary>
    /// <exception cref="ArgumentException">The name is not a C# identifier.</exception>
    public static string Assign(string name, object? value)
    {
        EnsureIdentifier(name, nameof(name));
        return value is null ? $"object {name} = null;" : $"var {name} = {Translate(value)};";
    }

    /// <summary>A C# expression for a value.</summary>
    /// <exception cref="ArgumentException">The value's type has no C# literal here (supported: string, bool, integers, floating point, decimal, lists, string-keyed maps, null).</exception>
    public static string Translate(object? value) => value switch
    {
        null => "null",
        string text => SymbolDisplay.FormatLiteral(text, quote: true),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool flag => flag ? "true" : "false",
        int or short or byte or sbyte or ushort => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        long number => number is > int.MaxValue or < int.MinValue ? number.ToString(CultureInfo.InvariantCulture) + "L" : number.ToString(CultureInfo.InvariantCulture),
        uint number => number > int.MaxValue ? number.ToString(CultureInfo.InvariantCulture) + "L" : number.ToString(CultureInfo.InvariantCulture),
        ulong number => number > long.MaxValue ? number.ToString(CultureInfo.InvariantCulture) + "UL" : number > int.MaxValue ? number.ToString(CultureInfo.InvariantCulture) + "L" : number.ToString(CultureInfo.InvariantCulture),
        double number => Double(number),
        float number => Double(number),
        decimal number => number.ToString(CultureInfo.InvariantCulture) + "m",
        IDictionary map => Dictionary(map),
        IEnumerable list => $"new [] {{ {string.Join(", ", list.Cast<object?>().Select(Translate))} }}",
        _ => throw new ArgumentException(
            $"A parameter of type {value.GetType().Name} has no C# literal; use a string, bool, integer, floating-point number, decimal, list, string-keyed dictionary or null.", nameof(value)),
    };

    private static string Dictionary(IDictionary map)
    {
        var entries = new List<string>();
        foreach (DictionaryEntry entry in map)
        {
            if (entry.Key is not string key)
                throw new ArgumentException($"A dictionary parameter has string keys, not {entry.Key.GetType().Name}.", nameof(map));
            entries.Add($"{{ {Translate(key)}, {Translate(entry.Value)} }}");
        }
        return $"new Dictionary<string,Object>{{ {string.Join(", ", entries)} }}";
    }

    private static string Double(double number)
    {
        if (double.IsNaN(number))
            return "double.NaN";
        if (double.IsPositiveInfinity(number))
            return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(number))
            return "double.NegativeInfinity";
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>Throws unless the name is a C# identifier that is not a keyword.</summary>
    internal static void EnsureIdentifier(string name, string parameterName)
    {
        if (string.IsNullOrEmpty(name) || !SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
            throw new ArgumentException($"A parameter name is a C# identifier (letters, digits, '_', not starting with a digit, not a keyword), not '{name}'.", parameterName);
    }
}
