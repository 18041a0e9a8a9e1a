using System.CommandLine;
using Sly.Interactive.Client;

namespace Sly.Cli;

/// <summary>The --server/--token pair: both, or neither (then SERVER_ADDRESS/API_TOKEN or supervisely.env).</summary>
internal sealed class ServerConnection
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = "Server address, e.g. http://127.0.0.1:8330 (default: SERVER_ADDRESS, else supervisely.env).",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "API token for --server (default: API_TOKEN, else supervisely.env).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Token);
        command.Validators.Add(result =>
        {
            var server = result.GetValue(Server);
            var token = result.GetValue(Token);
            if ((server is null) != (token is null))
                result.AddError("--server and --token go together: pass both, or neither to use SERVER_ADDRESS/API_TOKEN (or supervisely.env).");
            if (server is not null && (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
                result.AddError($"--server must be an http(s) URL such as http://127.0.0.1:8330 (got '{server}').");
        });
    }

    public SlyApi Connect(ParseResult parse)
    {
        var server = parse.GetValue(Server);
        var token = parse.GetValue(Token);
        try
        {
            return server is not null && token is not null ? SlyApi.Create(server, token) : SlyApi.FromEnv();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new CliException($"Cannot connect: {e.Message} Pass --server URL --token T, or set SERVER_ADDRESS and API_TOKEN (`sly serve` prints them).", e);
        }
    }
}
