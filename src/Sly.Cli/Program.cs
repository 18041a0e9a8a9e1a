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
    return await root.Parse(args).InvokeAsync();
}
catch (CliException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
