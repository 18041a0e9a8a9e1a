using System.CommandLine;
using Sly.Cli;

var root = new RootCommand("sly: AI search over image datasets, from notebooks and the command line.")
{
    DemoDataCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
