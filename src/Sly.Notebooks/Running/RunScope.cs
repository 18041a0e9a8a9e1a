namespace Sly.Notebooks.Running;

/// <summary>
/// The process state a run needs, set on purpose and put back afterwards: the current directory (the C# kernel resolves
/// relative <c>#r</c> and <c>#load</c> paths against it) and the environment variables the cells read. Both belong to the
/// whole process, so runs in one process take turns.
/// </summary>
internal sealed class RunScope : IDisposable
{
    private static readonly SemaphoreSlim Turn = new(1, 1);
    private readonly string _previousDirectory;
    private readonly Dictionary<string, string?> _previousVariables = new(StringComparer.Ordinal);

    private RunScope(string workingDirectory, IReadOnlyDictionary<string, string?> variables)
    {
        _previousDirectory = Environment.CurrentDirectory;
        foreach (var (name, value) in variables)
        {
            _previousVariables[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
        Environment.CurrentDirectory = workingDirectory;
    }

    public static async Task<RunScope> EnterAsync(string workingDirectory, IReadOnlyDictionary<string, string?> variables, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(workingDirectory))
            throw new DirectoryNotFoundException($"The working directory for the run does not exist: {workingDirectory}");
        await Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new RunScope(workingDirectory, variables);
        }
        catch
        {
            Turn.Release();
            throw;
        }
    }

    public void Dispose()
    {
        Environment.CurrentDirectory = _previousDirectory;
        foreach (var (name, value) in _previousVariables)
            Environment.SetEnvironmentVariable(name, value);
        Turn.Release();
    }
}
