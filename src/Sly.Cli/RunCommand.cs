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
        var command = new Command("run", "Run notebooks top to bottom, writing executed notebooks and HTML pages.") { notebooks, parameters, output, allowErrors };
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
            var outcomes = new List<NotebookOutcome>();
            var cwd = Environment.CurrentDirectory;
            try
            {
                foreach (var notebook in parse.GetValue(notebooks)!)
                {
                    Console.WriteLine($"Running {notebook.Name}…");
                    outcomes.Add(await NotebookBatch.RunOneAsync(notebook.FullName, outputDirectory, values, parse.GetValue(allowErrors), Console.WriteLine, cancellationToken));
                }
            }
            finally
            {
                Environment.CurrentDirectory = cwd;
            }
            NotebookBatch.PrintTable(outcomes);
            return outcomes.All(o => o.Succeeded) ? 0 : 1;
        });
        return command;
    }
}
