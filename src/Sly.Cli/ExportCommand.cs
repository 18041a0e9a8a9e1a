using System.CommandLine;
using Sly.Notebooks.Export;

namespace Sly.Cli;

/// <summary><c>sly export NOTEBOOK --to cs</c>: a notebook as a .NET 10 file-based app (<c>dotnet run app.cs</c>).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var notebook = new Argument<FileInfo>("NOTEBOOK") { Description = "The notebook (.ipynb or .dib) to export." };
        notebook.AcceptExistingOnly();
        var to = new Option<string>("--to") { Description = "The target format: cs (a C# file-based app).", DefaultValueFactory = _ => "cs" };
        to.AcceptOnlyFromAmong("cs");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The file to write (default: the notebook's name with .cs, in the current folder)." };
        var command = new Command("export", "Export a notebook as a C# file-based app that `dotnet run` runs with the same steps.") { notebook, to, output };
        command.SetAction(async (parse, _) =>
        {
            var input = parse.GetValue(notebook)!;
            if (input.Extension is not (".ipynb" or ".dib"))
                throw new CliException($"NOTEBOOK must be a .ipynb or .dib file, not '{input.Name}'.");
            var target = parse.GetValue(output)?.FullName ?? Path.Combine(Environment.CurrentDirectory, Path.ChangeExtension(input.Name, ".cs"));
            await CSharpAppExporter.ExportFileAsync(input.FullName, target);
            Console.WriteLine($"{target} (run it with: dotnet run {Path.GetFileName(target)} [name=value ...])");
            return 0;
        });
        return command;
    }
}
