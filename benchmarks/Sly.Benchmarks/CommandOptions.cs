using System.Globalization;

namespace Sly.Benchmarks;

/// <summary><c>--name value</c> options of a benchmark command; unknown names and bad values name the option and what is allowed.</summary>
public sealed class CommandOptions
{
    private readonly Dictionary<string, string> _values;

    private CommandOptions(Dictionary<string, string> values) => _values = values;

    /// <exception cref="ArgumentException">An option is not one of <paramref name="allowed"/> or has no value.</exception>
    public static CommandOptions Parse(string[] args, params string[] allowed)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !allowed.Contains(name))
                throw new ArgumentException($"unknown option '{args[i]}'; allowed: {string.Join(", ", allowed.Select(a => "--" + a))}");
            if (i + 1 >= args.Length)
                throw new ArgumentException($"--{name} needs a value");
            values[name] = args[++i];
        }
        return new CommandOptions(values);
    }

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    /// <exception cref="ArgumentException">The value is not a whole number ≥ <paramref name="min"/>.</exception>
    public int Integer(string name, int fallback, int min)
    {
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new ArgumentException($"--{name} must be a whole number ≥ {min}; got '{text}'");
        return value;
    }
}
