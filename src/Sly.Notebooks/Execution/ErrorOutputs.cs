using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Sly.Notebooks.Execution;

/// <summary>Turns what went wrong in a cell into an nbformat error output.</summary>
internal static partial class ErrorOutputs
{
    public const string CompilationError = "CompilationError";

    public static ErrorOutput From(Exception exception)
    {
        if (exception is CompilationErrorException compilation)
            return FromDiagnostics(compilation.Diagnostics);
        if (exception is ExtensionLoadException { InnerException: CompilationErrorException inner })
        {
            var nested = FromDiagnostics(inner.Diagnostics);
            return new ErrorOutput(exception.GetType().Name, exception.Message, nested.Traceback);
        }
        return new ErrorOutput(exception.GetType().Name, exception.Message, Trace(exception));
    }

    /// <summary>Compiler errors as <c>(line,column): error CSxxxx: message</c>, lines counted within the cell.</summary>
    public static ErrorOutput FromDiagnostics(IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(Describe)
            .ToList();
        return new ErrorOutput(CompilationError, string.Join("\n", lines), lines);
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        if (!diagnostic.Location.IsInSource)
            return $"error {diagnostic.Id}: {message}";
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return $"({start.Line + 1},{start.Character + 1}): error {diagnostic.Id}: {message}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" in :line (\d+)$")]
    private static partial System.Text.RegularExpressions.Regex CellLine();

    /// <summary>The exception's text, without the frames of the scripting engine that ran the cell.</summary>
    private static List<string> Trace(Exception exception)
    {
        var lines = new List<string>();
        foreach (var line in exception.ToString().Split('\n'))
        {
            var text = line.TrimEnd('\r');
            var trimmed = text.TrimStart();
            if (trimmed.StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal)
                || trimmed.StartsWith("at Sly.Notebooks.Execution.NotebookSession", StringComparison.Ordinal)
                || trimmed.StartsWith("at System.Runtime.ExceptionServices.ExceptionDispatchInfo", StringComparison.Ordinal)
                || trimmed.StartsWith("at System.Runtime.CompilerServices.", StringComparison.Ordinal)
                || trimmed.StartsWith("at System.Threading.Tasks.Task", StringComparison.Ordinal))
                continue;
            // scripts have no file name: "in :line 3" reads better as "in the cell, line 3"
            lines.Add(CellLine().Replace(text, " in the cell, line $1"));
        }
        while (lines.Count > 0 && lines[^1].TrimStart().StartsWith("---", StringComparison.Ordinal))
            lines.RemoveAt(lines.Count - 1);
        // drop "--- End of stack trace" separators that no longer separate anything
        for (var i = lines.Count - 1; i > 0; i--)
        {
            if (lines[i].TrimStart().StartsWith("--- End of stack trace", StringComparison.Ordinal) && lines[i - 1].TrimStart().StartsWith("--- End of stack trace", StringComparison.Ordinal))
                lines.RemoveAt(i);
        }
        return lines;
    }
}
