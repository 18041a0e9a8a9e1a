using System.CommandLine;
using Sly.Server.Hosting;

// dotnet run --project src/Sly.Server -- [--data DIR] [--urls http://127.0.0.1:PORT] [--model DIR] ...
// The same command as `sly serve` (ServerCommand); it stops cleanly on SIGTERM and Ctrl+C.
var root = ServerCommand.Configure(new RootCommand(ServerCommand.Description));
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
