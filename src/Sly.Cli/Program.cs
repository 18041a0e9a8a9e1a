using System.CommandLine;
using Sly.Cli;

var root = new RootCommand("sly: AI search over image datasets, from notebooks and the command line.")
{
    ServeCommand.Create(),
    ImportCommand.Create(),
    RunCommand.Create(),
    DemoCommand.Create(),
    DemoDataCommand.Create(),
    ExportCommand.Create(),
};
try
{
    // A server stopping on SIGTERM cancels its running embedding batch and closes the database: give it the time.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
}
catch (CliException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
