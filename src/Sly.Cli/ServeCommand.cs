using System.CommandLine;
using Sly.Server.Hosting;

namespace Sly.Cli;

/// <summary><c>sly serve</c>: the embedded server's own command line (<see cref="ServerCommand"/>), under sly.</summary>
internal static class ServeCommand
{
    public static Command Create() => ServerCommand.Configure(new Command("serve", ServerCommand.Description));
}
