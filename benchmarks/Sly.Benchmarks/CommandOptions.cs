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

    /// <exception cref="ArgumentException">The value is not a whole number from <paramref name="min"/> to <paramref name="max"/>.</exception>
    public int Integer(string name, int fallback, int min, int max = int.MaxValue) => (int)Long(name, fallback, min, max);

    /// <exception cref="ArgumentException">The value is not a whole number from <paramref name="min"/> to <paramref name="max"/>.</exception>
    public long Long(string name, long fallback, long min, long max = long.MaxValue)
    {
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new ArgumentException($"--{name} must be a whole number from {min} to {max}; got '{text}'");
        return value;
    }

    /// <exception cref="ArgumentException">The value is not a number from <paramref name="min"/> to <paramref name="max"/>.</exception>
    public double Number(string name, double fallback, double min, double max)
    {
        if (!_values.TryGetValue(name, out var text))
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
            throw new ArgumentException($"--{name} must be a number from {min} to {max}; got '{text}'");
        return value;
    }
}
