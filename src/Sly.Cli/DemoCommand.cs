using System.CommandLine;
using System.Globalization;
using Sly.Notebooks.Parameters;
using Spectre.Console;

namespace Sly.Cli;

/// <summary><c>sly demo</c>: server, demo image set, embeddings, then the three tutorial notebooks; prints timings.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count", "-n") { Description = "Demo images to generate (24-5000).", DefaultValueFactory = _ => 240 };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 24 or > 5000)
                r.AddError($"--count must be a whole number from 24 to 5000 (got {r.GetValueOrDefault<int>()}).");
        });
        var seed = new Option<long>("--seed", "-s") { Description = "Random seed of the demo image set.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Folder for the executed notebooks and HTML (default artifacts/notebooks/ in the checkout)." };
        var parameters = new Option<string[]>("--parameter", "-p") { Description = "Extra notebook parameter name=value (repeatable), e.g. -p prompt=\"rusty bolt\"." };
        var command = new Command("demo", "Start an embedded server (unless SERVER_ADDRESS is set), upload the demo parts-inspection set, embed it and run notebooks/01-03.")
        {
            count, seed, output, parameters,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyDictionary<string, object?> extra;
            try
            {
                extra = ParameterValues.ParseAssignments(parse.GetValue(parameters) ?? []);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"-p/--parameter: {e.Message}");
                return 2;
            }
            var console = Console.Out;
            var result = await DemoRunner.RunAsync(new DemoOptions
            {
                RepositoryRoot = RepositoryRoot.Require(),
                OutputDirectory = parse.GetValue(output)?.FullName,
                ImageCount = parse.GetValue(count),
                Seed = parse.GetValue(seed),
                Parameters = extra,
                Log = console.WriteLine,
                Console = console,
                LiveLine = !Console.IsOutputRedirected,
            }, cancellationToken);
            var timings = new Table().AddColumns("phase", "time", "detail");
            foreach (var phase in result.Phases)
                timings.AddRow(Markup.Escape(phase.Name), string.Create(CultureInfo.InvariantCulture, $"{phase.Duration.TotalSeconds:0.0} s"), Markup.Escape(phase.Detail));
            timings.AddRow("[bold]total[/]", string.Create(CultureInfo.InvariantCulture, $"{result.Phases.Sum(p => p.Duration.TotalSeconds):0.0} s"), "");
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console) }).Write(timings);
            NotebookBatch.PrintTable(result.Notebooks, console);
            console.WriteLine($"Executed notebooks and HTML: {result.OutputDirectory}");
            return result.Succeeded ? 0 : 1;
        });
        return command;
    }
}
