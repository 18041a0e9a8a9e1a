using System.Text;

namespace Sly.Notebooks.Execution;

/// <summary>
/// Stands in for <see cref="Console.Out"/> and <see cref="Console.Error"/>: text written while a session's cell runs
/// (by the cell or by a task it started) becomes a stream output of that cell; anything else goes to the console as before.
/// </summary>
internal sealed class ConsoleRouter : TextWriter
{
    private static readonly object InstallLock = new();
    private static TextWriter? _installedOut;
    private static TextWriter? _installedError;

    [ThreadStatic]
    private static bool _unrouted;

    private readonly TextWriter _fallback;
    private readonly string _streamName;

    private ConsoleRouter(TextWriter fallback, string streamName)
    {
        _fallback = fallback;
        _streamName = streamName;
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Installs the routers unless they are still the console's writers (a test host may have replaced them).</summary>
    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (!ReferenceEquals(Console.Out, _installedOut))
            {
                Console.SetOut(new ConsoleRouter(Console.Out, StreamOutput.StandardOutput));
                _installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, _installedError))
            {
                Console.SetError(new ConsoleRouter(Console.Error, StreamOutput.StandardError));
                _installedError = Console.Error;
            }
        }
    }

    /// <summary>
    /// Runs an action whose console writes on this thread skip the cells (an output listener that logs to the console
    /// must not feed its own cell, and could otherwise recurse).
    /// </summary>
    public static void Unrouted(Action action)
    {
        var previous = _unrouted;
        _unrouted = true;
        try
        {
            action();
        }
        finally
        {
            _unrouted = previous;
        }
    }

    public override void Write(char value) => Route(value.ToString());

    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value))
            Route(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        if (count > 0)
            Route(new string(buffer, index, count));
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (!buffer.IsEmpty)
            Route(buffer.ToString());
    }

    public override void WriteLine(string? value) => Route((value ?? "") + NewLine);

    public override void WriteLine() => Route(NewLine);

    public override void Flush() => _fallback.Flush();

    private void Route(string text)
    {
        var cell = _unrouted ? null : SessionContext.Current?.CellForOutput;
        if (cell is null)
            _fallback.Write(text);
        else
            cell.WriteStream(_streamName, text);
    }
}
