using System.Globalization;

namespace Sly.Notebooks.Parameters;

/// <summary>
/// Reads parameters given on a command line the way papermill's CLI types them: <c>True</c>/<c>False</c> → bool,
/// <c>None</c> → null, an integer → long, a number → double, anything else → the string itself.
/// </summary>
public static class ParameterValues
{
    /// <summary>Types one <c>-p</c> value like papermill does.</summary>
    public static object? Infer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text)
        {
            case "True":
                return true;
            case "False":
                return false;
            case "None":
                return null;
        }
        var trimmed = text.Trim().Replace("_", "", StringComparison.Ordinal);
        if (trimmed.Length > 0 && !text.Trim().StartsWith('_') && !text.Trim().EndsWith('_'))
        {
            if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                return integer;
            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return number;
            switch (trimmed.ToLowerInvariant())
            {
                case "inf" or "+inf" or "infinity" or "+infinity":
                    return double.PositiveInfinity;
                case "-inf" or "-infinity":
                    return double.NegativeInfinity;
                case "nan" or "+nan" or "-nan":
                    return double.NaN;
            }
        }
        return text;
    }

    /// <summary>Parses <c>name=value</c> (the value typed by <see cref="Infer"/>).</summary>
    /// <exception cref="ArgumentException">There is no '=' or the name is not a C# identifier.</exception>
    public static KeyValuePair<string, object?> ParseAssignment(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw new ArgumentException($"A parameter is written name=value, not '{assignment}'.", nameof(assignment));
        var name = assignment[..equals].Trim();
        CSharpParameterTranslator.EnsureIdentifier(name, nameof(assignment));
        return new KeyValuePair<string, object?>(name, Infer(assignment[(equals + 1)..]));
    }

    /// <summary>Parses several <c>name=value</c> assignments; a later one of the same name wins, order of first appearance is kept.</summary>
    public static IReadOnlyDictionary<string, object?> ParseAssignments(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var (name, value) = ParseAssignment(assignment);
            result[name] = value;
        }
        return result;
    }
}
