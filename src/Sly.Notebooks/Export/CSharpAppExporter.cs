using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.DotNet.Interactive.Documents;
using Sly.Notebooks.Documents;

namespace Sly.Notebooks.Export;

/// <summary>
/// Turns a C# notebook into a .NET 10 file-based app (Microsoft's migration path for C# notebook users): <c>dotnet run
/// app.cs</c> runs the same steps. <c>#r "nuget: X, V"</c> becomes <c>#:package X@V</c>, a <c>#i</c> source a
/// <c>#:property RestoreAdditionalProjectSources</c>; markdown becomes comments; usings move to the top and type
/// declarations to the end (a C# file needs them there); a cell's trailing expression is displayed; <c>display(x)</c>
/// writes <c>x</c> to the console; the variables of the cell tagged <c>parameters</c> keep their defaults and take
/// <c>name=value</c> arguments, as <c>sly run -p</c> does.
/// </summary>
public static partial class CSharpAppExporter
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);
    private static readonly string[] KernelUsings = ["System.Collections", "System.Text"];

    /// <summary>The file-based app's source.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="sourceName">The notebook's file name, named in the header.</param>
    public static string Export(InteractiveDocument notebook, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var packages = new List<string>();
        var sources = new List<string>();
        var usings = new List<string>(KernelUsings.Select(u => $"using {u};"));
        var types = new List<string>();
        var body = new StringBuilder();
        var cellNumber = 0;
        foreach (var cell in notebook.Elements)
        {
            cellNumber++;
            if (NotebookDocuments.IsMarkdown(notebook, cell))
            {
                body.Append(Comment(cell.Contents)).Append('\n');
                continue;
            }
            var kernel = NotebookDocuments.KernelOf(notebook, cell);
            if (kernel != "csharp")
            {
                body.Append(Comment($"Cell {cellNumber} is {kernel}, which a C# app cannot run:\n{cell.Contents}")).Append('\n');
                continue;
            }
            var code = Directives(cell.Contents, packages, sources);
            var root = CSharpSyntaxTree.ParseText(code, Script).GetCompilationUnitRoot();
            foreach (var directive in root.Usings)
            {
                var text = directive.WithoutTrivia().ToFullString();
                if (!usings.Contains(text))
                    usings.Add(text);
            }
            var statements = new StringBuilder();
            var members = root.Members;
            for (var i = 0; i < members.Count; i++)
            {
                var member = members[i];
                if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                {
                    types.Add(member.ToFullString().Trim());
                    continue;
                }
                // A script's last expression without ';' is the cell's value: the notebook shows it, so the app prints it.
                if (i == members.Count - 1 && member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } value })
                {
                    statements.Append(value.GetLeadingTrivia().ToFullString()).Append("display(").Append(value.Expression.ToString()).Append(");\n");
                    continue;
                }
                statements.Append(member.ToFullString());
            }
            var cellCode = statements.ToString().Trim('\n', '\r');
            if (cellCode.Trim().Length == 0)
                continue;
            body.Append("// ---- cell ").Append(cellNumber.ToString(CultureInfo.InvariantCulture)).Append(" ----\n").Append(cellCode).Append('\n');
            if (NotebookTags.Has(cell, NotebookTags.Parameters))
                body.Append(ParameterOverrides(root));
            body.Append('\n');
        }

        var app = new StringBuilder();
        app.Append("#!/usr/bin/env dotnet\n");
        // Notebook code is the JIT's: no native AOT, whose trimming turns off reflection-based JSON among other things.
        app.Append("#:property PublishAot=false\n");
        foreach (var package in packages.Distinct(StringComparer.Ordinal))
            app.Append("#:package ").Append(package).Append('\n');
        if (sources.Count > 0)
            app.Append("#:property RestoreAdditionalProjectSources=").Append(string.Join(';', sources.Distinct(StringComparer.Ordinal))).Append('\n');
        app.Append("// Exported from ").Append(sourceName).Append(" by `sly export`. Run it with: dotnet run ").Append(Path.ChangeExtension(sourceName, ".cs"))
            .Append(" [name=value ...]\n\n");
        foreach (var directive in usings)
            app.Append(directive).Append('\n');
        app.Append('\n').Append(body.ToString().TrimEnd('\n')).Append("\n\n").Append(Helpers);
        foreach (var type in types)
            app.Append('\n').Append(type).Append('\n');
        return app.ToString();
    }

    /// <summary>Reads a notebook and writes the app beside <paramref name="outputPath"/>.</summary>
    public static async Task ExportFileAsync(string notebookPath, string outputPath)
    {
        var notebook = await NotebookDocuments.LoadAsync(notebookPath).ConfigureAwait(false);
        NotebookDocuments.WriteAtomically(outputPath, Export(notebook, Path.GetFileName(notebookPath)));
    }

    /// <summary>Takes <c>#r "nuget:"</c> and <c>#i</c> lines out of a cell (they become file directives); other <c>#r</c> and magics become comments.</summary>
    private static string Directives(string code, List<string> packages, List<string> sources)
    {
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (NuGetReference().Match(line) is { Success: true } package)
            {
                var version = package.Groups["version"].Value.Trim();
                packages.Add(package.Groups["name"].Value.Trim() + (version.Length > 0 ? "@" + version : "@*"));
                lines[i] = "";
            }
            else if (NuGetSource().Match(line) is { Success: true } source)
            {
                sources.Add(source.Groups["source"].Value.Trim());
                lines[i] = "";
            }
            else if (line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#!", StringComparison.Ordinal) || line.StartsWith("#load ", StringComparison.Ordinal))
            {
                lines[i] = "// (notebook only) " + line;
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>After the parameters cell: each variable it declares takes a <c>name=value</c> argument when one is given.</summary>
    private static string ParameterOverrides(CompilationUnitSyntax root)
    {
        var overrides = new StringBuilder();
        // In a script, a cell's top-level variables parse as fields.
        var declarations = root.Members.OfType<FieldDeclarationSyntax>().Select(f => f.Declaration)
            .Concat(root.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).OfType<LocalDeclarationStatementSyntax>().Select(l => l.Declaration));
        foreach (var declaration in declarations)
        {
            foreach (var variable in declaration.Variables)
            {
                var name = variable.Identifier.ValueText;
                overrides.Append(name).Append(" = Parameter(args, \"").Append(name).Append("\", ").Append(name).Append(");\n");
            }
        }
        return overrides.ToString();
    }

    private static string Comment(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? "//" : "// " + l));

    [GeneratedRegex("^#r\\s+\"nuget:\\s*(?<name>[^,\"]+)(,(?<version>[^\"]*))?\"$")]
    private static partial Regex NuGetReference();

    [GeneratedRegex("^#i\\s+\"nuget:\\s*(?<source>[^\"]+)\"$")]
    private static partial Regex NuGetSource();

    private const string Helpers = """
        // ---- what the notebook kernel provided ----
        #pragma warning disable CS8321 // not every notebook uses every helper

        // display(x) shows a value under the cell; here it goes to the console (the value's ToString, a list item by item).
        static ConsoleOutput display(object? value, params string[] mimeTypes)
        {
            ConsoleOutput.Write(value);
            return new ConsoleOutput();
        }

        static string HTML(string html) => html;

        // A parameter of the notebook: name=value on the command line, else the notebook's default.
        static T Parameter<T>(string[] args, string name, T fallback)
        {
            var given = args.LastOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal));
            if (given is null)
                return fallback;
            var text = given[(name.Length + 1)..];
            var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            try
            {
                return (T)Convert.ChangeType(text, type == typeof(object) ? typeof(string) : type, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
            {
                throw new ArgumentException($"Parameter {name} takes a {type.Name}, not '{text}'.", nameof(args), e);
            }
        }

        sealed class ConsoleOutput
        {
            public void Update(object? value) => Write(value);

            public static void Write(object? value)
            {
                switch (value)
                {
                    case null:
                        Console.WriteLine("null");
                        break;
                    case string text:
                        Console.WriteLine(text);
                        break;
                    case System.Collections.IEnumerable items when value.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType == typeof(object):
                        foreach (var item in items)
                            Console.WriteLine(item);
                        break;
                    default:
                        Console.WriteLine(value);
                        break;
                }
            }
        }

        """;
}
