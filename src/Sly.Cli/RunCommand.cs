using System.CommandLine;
using Sly.Notebooks.Parameters;

namespace Sly.Cli;

/// <summary><c>sly run NOTEBOOK…</c>: executes notebooks papermill-style and writes executed .ipynb + .html.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var notebooks = new Argument<FileInfo[]>("NOTEBOOK") { Description = "Notebooks (.ipynb or .dib) to run in order.", Arity = ArgumentArity.OneOrMore };
        notebooks.AcceptExistingOnly();
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "A parameter as name=value (repeatable); injected after the cell tagged 'parameters'. Values: numbers, true/false, null, else strings.",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Folder for the executed .ipynb and .html (default artifacts/notebooks/ in the checkout, else ./artifacts/notebooks)." };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Keep running cells after an error (the exit code is still non-zero)." };
        var timeout = new Option<double>("--cell-timeout") { Description = "Seconds one cell may run before it is stopped and the run ends (default 600; 0 for no limit).", DefaultValueFactory = _ => 600 };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 86_400 || double.IsNaN(r.GetValueOrDefault<double>()))
                r.AddError($"--cell-timeout must be 0 (no limit) to 86400 seconds (got {r.GetValueOrDefault<double>()}).");
        });
        var command = new Command("run", "Run notebooks top to bottom on the .NET Interactive C# kernel, writing executed notebooks and HTML pages.")
        {
            notebooks, parameters, output, allowErrors, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyDictionary<string, object?> values;
            try
            {
                values = ParameterValues.ParseAssignments(parse.GetValue(parameters) ?? []);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"-p/--parameter: {e.Message} Use name=value, e.g. -p prompt=\"rusty bolt\" -p limit=20.");
                return 2;
            }
            var outputDirectory = parse.GetValue(output)?.FullName
                ?? Path.Combine(RepositoryRoot.Find(Environment.CurrentDirectory) ?? Environment.CurrentDirectory, "artifacts", "notebooks");
            var console = Console.Out;
            var seconds = parse.GetValue(timeout);
            var options = new NotebookBatchOptions
            {
                Parameters = values,
                AllowErrors = parse.GetValue(allowErrors),
                CellTimeout = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
                Log = console,
                LiveLine = !Console.IsOutputRedirected,
            };
            var outcomes = new List<NotebookOutcome>();
            foreach (var notebook in parse.GetValue(notebooks)!)
            {
                console.WriteLine($"Running {notebook.Name}…");
                outcomes.Add(await NotebookBatch.RunOneAsync(notebook.FullName, outputDirectory, options, cancellationToken));
            }
            NotebookBatch.PrintTable(outcomes, console);
            return outcomes.All(o => o.Succeeded) ? 0 : 1;
        });
        return command;
    }
}
