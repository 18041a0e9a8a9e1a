using System.Globalization;

namespace Sly.Interactive.Client;

/// <summary>
/// Finds the connection settings the way the Python SDK does: SERVER_ADDRESS and API_TOKEN (and
/// SUPERVISELY_API_SERVER_ADDRESS) from the environment, else from ~/supervisely.env, else from the supervisely.env a
/// local Sly server writes into its data folder (SLY_DATA, or ~/.sly/server).
/// </summary>
public static class SlyEnvironment
{
    /// <summary>The server address variable.</summary>
    public const string ServerAddressVariable = "SERVER_ADDRESS";
    /// <summary>The API token variable.</summary>
    public const string TokenVariable = "API_TOKEN";
    /// <summary>Overrides {server}/public/api.</summary>
    public const string ApiServerAddressVariable = "SUPERVISELY_API_SERVER_ADDRESS";
    /// <summary>Attempts per call.</summary>
    public const string RetriesVariable = "SUPERVISELY_PUBLIC_API_RETRIES";
    /// <summary>First back-off in seconds.</summary>
    public const string RetrySleepVariable = "SUPERVISELY_PUBLIC_API_RETRY_SLEEP_SEC";
    /// <summary>A local server's data folder, whose supervisely.env is read.</summary>
    public const string LocalDataVariable = "SLY_DATA";

    /// <summary>The files looked at after the environment, in order.</summary>
    public static IReadOnlyList<string> CandidateFiles()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var files = new List<string> { Path.Combine(home, "supervisely.env") };
        if (Environment.GetEnvironmentVariable(LocalDataVariable) is { Length: > 0 } data)
            files.Add(Path.Combine(data, "supervisely.env"));
        files.Add(Path.Combine(home, ".sly", "server", "supervisely.env"));
        return files;
    }

    /// <summary>Resolves the connection from <paramref name="environment"/> (default: the process environment) and <paramref name="files"/>.</summary>
    public static SlyConnection Resolve(IReadOnlyDictionary<string, string?>? environment = null, IReadOnlyList<string>? files = null)
    {
        string? Get(string name) => environment is null ? Environment.GetEnvironmentVariable(name) : environment.GetValueOrDefault(name);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { ServerAddressVariable, TokenVariable, ApiServerAddressVariable, RetriesVariable, RetrySleepVariable })
        {
            if (Get(name) is { Length: > 0 } value)
                values[name] = value;
        }
        if (!values.ContainsKey(ServerAddressVariable) || !values.ContainsKey(TokenVariable))
        {
            foreach (var file in files ?? CandidateFiles())
            {
                if (!File.Exists(file))
                    continue;
                var fromFile = ReadEnvFile(file);
                if (!fromFile.ContainsKey(ServerAddressVariable) || !fromFile.ContainsKey(TokenVariable))
                    continue;
                foreach (var (key, value) in fromFile)
                    values.TryAdd(key, value);
                break;
            }
        }
        var missing = new[] { ServerAddressVariable, TokenVariable }.Where(n => !values.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set. Set the environment variable(s) " +
                $"(e.g. export {ServerAddressVariable}=https://app.supervisely.com {TokenVariable}=<your token>), put them in ~/supervisely.env, " +
                "or start a local server with `sly serve`, which writes them to its data folder.");
        }
        var connection = new SlyConnection(NormaliseAddress(values[ServerAddressVariable]), values[TokenVariable]);
        if (values.TryGetValue(ApiServerAddressVariable, out var api))
            connection = connection with { ApiServerAddress = NormaliseAddress(api) };
        if (values.TryGetValue(RetriesVariable, out var retries))
        {
            connection = connection with
            {
                RetryAttempts = int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1
                    ? n : throw new InvalidOperationException($"{RetriesVariable}='{retries}' must be a whole number of attempts, 1 or more"),
            };
        }
        if (values.TryGetValue(RetrySleepVariable, out var sleep))
        {
            connection = connection with
            {
                RetrySleep = double.TryParse(sleep, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
                    ? TimeSpan.FromSeconds(seconds) : throw new InvalidOperationException($"{RetrySleepVariable}='{sleep}' must be a number of seconds, 0 or more"),
            };
        }
        return connection;
    }

    /// <summary>Trailing slashes go; an address without a scheme gets http://, as the SDK does.</summary>
    public static Uri NormaliseAddress(string address)
    {
        var trimmed = address.Trim().TrimEnd('/');
        if (!trimmed.Contains("://", StringComparison.Ordinal))
            trimmed = "http://" + trimmed;
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"'{address}' is not a server address such as https://app.supervisely.com or http://127.0.0.1:8330");
    }

    /// <summary>Reads KEY=value lines (comments, export and quotes allowed).</summary>
    public static Dictionary<string, string> ReadEnvFile(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("export ", StringComparison.Ordinal))
                line = line[7..].TrimStart();
            var equals = line.IndexOf('=');
            if (equals <= 0)
                continue;
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
                value = value[1..^1];
            values[line[..equals].Trim()] = value;
        }
        return values;
    }
}
