using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;
using Sly.Notebooks.Directives;
using Sly.Notebooks.Packages;

namespace Sly.Notebooks.Execution;

/// <summary>
/// One C# scripting session, as a kernel holds it: cells are submitted one at a time, state (variables, usings,
/// references) carries over, outputs arrive through <see cref="OutputProduced"/> while a cell runs. The .NET Interactive
/// C# surface works: default usings, <c>display(…)</c>, the trailing expression's value, <c>#r "nuget: …"</c> with a
/// real restore, <c>#i</c>, <c>#r "path.dll"</c>, and packages' <c>interactive-extensions/dotnet/extension.dib</c>.
/// </summary>
public sealed class NotebookSession : IDisposable
{
    /// <summary>The namespaces .NET Interactive's C# kernel imports by default.</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private readonly NotebookSessionOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<MetadataReference> _references = [];
    private readonly HashSet<string> _referencedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<NuGetPackageReference> _packageReferences = [];
    private readonly List<string> _packageSources = [];
    private readonly Dictionary<string, RestoredPackage> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _previousEnvironment = new(StringComparer.Ordinal);
    private readonly string? _previousDirectory;
    private readonly NuGetRestorer _restorer;
    private ScriptOptions _scriptOptions;
    private ScriptState<object>? _state;
    private volatile RunningCell? _current;
    private volatile RunningCell? _last;
    private int _executionCount;
    private bool _disposed;

    /// <summary>Starts a session (no code runs until the first cell).</summary>
    /// <exception cref="DirectoryNotFoundException">The working directory does not exist.</exception>
    public NotebookSession(NotebookSessionOptions? options = null)
    {
        _options = options ?? new NotebookSessionOptions();
        WorkingDirectory = Path.GetFullPath(_options.WorkingDirectory ?? Environment.CurrentDirectory);
        if (!Directory.Exists(WorkingDirectory))
            throw new DirectoryNotFoundException($"The session's working directory '{WorkingDirectory}' does not exist (options.WorkingDirectory).");
        if (_options.CellTimeout is { } timeout && timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), timeout, "CellTimeout is positive, or null for no limit.");

        foreach (var (name, value) in _options.EnvironmentVariables)
        {
            _previousEnvironment[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
        if (_options.SetCurrentDirectory)
        {
            _previousDirectory = Environment.CurrentDirectory;
            Environment.CurrentDirectory = WorkingDirectory;
        }

        _restorer = new NuGetRestorer(WorkingDirectory, _options.RestoreTimeout, _options.DotnetPath);
        foreach (var reference in FrameworkReferences.Value)
        {
            _referencedNames.Add(Path.GetFileNameWithoutExtension(reference.FilePath!));
            _references.Add(reference);
        }
        foreach (var assembly in new[] { typeof(Kernel).Assembly, typeof(Formatter).Assembly, typeof(IHtmlContent).Assembly }.Concat(_options.AdditionalReferences))
            AddReference(assembly.Location);
        _scriptOptions = ScriptOptions.Default
            .WithReferences(_references)
            .WithImports(DefaultImports.Concat(_options.AdditionalImports))
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(WorkingDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(WorkingDirectory))
            .WithEmitDebugInformation(true)
            .WithAllowUnsafe(true);
    }

    /// <summary>The notebook's folder, absolute.</summary>
    public string WorkingDirectory { get; }

    /// <summary>How many cells have been submitted (the last execution count).</summary>
    public int ExecutionCount => _executionCount;

    /// <summary>The packages loaded so far by <c>#r "nuget: …"</c> (including their dependencies).</summary>
    public IReadOnlyList<RestoredPackage> Packages
    {
        get
        {
            lock (_packages)
                return _packages.Values.ToList();
        }
    }

    /// <summary>
    /// Raised for every output change of a cell: stream text, displays and their updates, results, errors. Raised on the
    /// thread that produced the output (a background task of the cell, possibly after the cell has finished).
    /// </summary>
    public event EventHandler<NotebookOutputEventArgs>? OutputProduced;

    /// <summary>The cell that gets console writes and displays: the running one, else the last one that ran.</summary>
    internal RunningCell? CellForOutput => _current ?? _last;

    /// <summary>Runs C# code (or a <c>#!markdown</c>/<c>#!html</c> cell) as the next cell.</summary>
    /// <param name="code">The cell's source.</param>
    /// <param name="cancellationToken">Stops waiting for the cell (its code cannot be interrupted and is abandoned).</param>
    public Task<CellExecutionResult> ExecuteAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        return ExecuteAsync(code, language: null, [], cancellationToken);
    }

    /// <summary>
    /// Runs a notebook cell: clears its outputs, sets its execution count, and fills <see cref="NotebookCell.Outputs"/>
    /// as the cell produces them. Cells in a language other than C#, markdown or HTML fail with <c>UnsupportedLanguage</c>.
    /// </summary>
    /// <param name="cell">A code cell.</param>
    /// <param name="language">The cell's language (see <see cref="Notebook.LanguageOf"/>); C# when null.</param>
    /// <param name="cancellationToken">Stops waiting for the cell.</param>
    public async Task<CellExecutionResult> ExecuteAsync(NotebookCell cell, string? language = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.CellType != NotebookCellType.Code)
            throw new ArgumentException($"Only code cells run; this one is {cell.CellType}.", nameof(cell));
        lock (cell.Outputs)
            cell.Outputs.Clear();
        var result = await ExecuteAsync(cell.Source, language ?? cell.Language, cell.Outputs, cancellationToken).ConfigureAwait(false);
        cell.ExecutionCount = result.ExecutionCount;
        return result;
    }

    private async Task<CellExecutionResult> ExecuteAsync(string code, string? language, List<NotebookOutput> outputs, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = DateTimeOffset.UtcNow;
            var count = Interlocked.Increment(ref _executionCount);
            var cell = new RunningCell(this, outputs, count);
            _current = cell;
            _last = cell;
            ConsoleRouter.EnsureInstalled();
            var accepted = DateTimeOffset.UtcNow;
            var status = CellExecutionStatus.Succeeded;
            ErrorOutput? error = null;
            try
            {
                await RunCellAsync(code, language, cell, cancellationToken).ConfigureAwait(false);
            }
            catch (CellTimeoutException timeout)
            {
                status = CellExecutionStatus.TimedOut;
                error = new ErrorOutput("CellTimeoutError", timeout.Message, [$"CellTimeoutError: {timeout.Message}"]);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                status = CellExecutionStatus.Failed;
                error = ErrorOutputs.From(e);
            }
            if (error is not null)
                cell.Error(error);
            var replied = DateTimeOffset.UtcNow;
            _current = null;
            return new CellExecutionResult(count, status, error, outputs, started, accepted, replied, DateTimeOffset.UtcNow);
        }
        finally
        {
            _current = null;
            _gate.Release();
        }
    }

    private async Task RunCellAsync(string code, string? language, RunningCell cell, CancellationToken cancellationToken)
    {
        var kernel = KernelNames.Normalize(language) ?? language;
        if (kernel is not null && kernel != KernelNames.CSharp && kernel != KernelNames.Markdown && kernel != KernelNames.Html)
            throw new UnsupportedLanguageException(kernel);
        var parsed = DirectiveParser.Parse(code, WorkingDirectory);
        kernel = parsed.KernelName ?? kernel ?? KernelNames.CSharp;
        var clock = Stopwatch.StartNew();
        switch (kernel)
        {
            case KernelNames.Markdown:
                cell.Display(new JsonObject { ["text/html"] = MarkdownRenderer.ToHtml(parsed.Code), ["text/markdown"] = parsed.Code.Trim() }, NewDisplayId());
                break;
            case KernelNames.Html:
                cell.Display(new JsonObject { ["text/html"] = parsed.Code.Trim() }, NewDisplayId());
                break;
            case KernelNames.CSharp:
                await RunCSharpAsync(parsed, cell, showResult: true, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new UnsupportedLanguageException(kernel);
        }
        if (parsed.Timed)
            cell.Display(new JsonObject { ["text/plain"] = $"Wall time: {clock.Elapsed.TotalMilliseconds:0.####}ms" }, NewDisplayId());
    }

    private async Task RunCSharpAsync(ParsedSubmission parsed, RunningCell cell, bool showResult, CancellationToken cancellationToken)
    {
        if (parsed.LoadsReferences)
            await LoadReferencesAsync(parsed, cell, cancellationToken).ConfigureAwait(false);
        if (_state is null)
            await SubmitAsync("using static Sly.Notebooks.Kernel;", cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(parsed.Code))
            return;
        var state = await SubmitAsync(parsed.Code, cancellationToken).ConfigureAwait(false);
        if (state.Exception is not null)
            ExceptionDispatchInfo.Capture(state.Exception).Throw();
        if (showResult && HasValue(state) && state.ReturnValue is not DisplayedValue)
            cell.Result(ValueRenderer.Render(state.ReturnValue, []));
    }

    /// <summary>Whether the submission ended with an expression that has a value (a trailing <c>x</c>, not <c>x;</c> or a void call).</summary>
    private static bool HasValue(ScriptState<object> state)
    {
        // A submission has a value when its last statement is an expression without a semicolon whose type is not void.
        var compilation = state.Script.GetCompilation();
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax unit
            || unit.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            || !statement.SemicolonToken.IsMissing)
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>Compiles and runs one submission on a pool thread, with this session as the flow's session.</summary>
    private async Task<ScriptState<object>> SubmitAsync(string code, CancellationToken cancellationToken)
    {
        var options = _scriptOptions;
        var previous = _state;
        var run = Task.Run(async () =>
        {
            SessionContext.Current = this;
            return previous is null
                ? await CSharpScript.Create<object>(code, options).RunAsync(globals: null, catchException: _ => true).ConfigureAwait(false)
                : await previous.ContinueWithAsync(code, options, catchException: _ => true).ConfigureAwait(false);
        }, CancellationToken.None);

        var limit = _options.CellTimeout ?? Timeout.InfiniteTimeSpan;
        var finished = await Task.WhenAny(run, Task.Delay(limit, cancellationToken)).ConfigureAwait(false);
        if (finished != run)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new CellTimeoutException(limit);
        }
        var state = await run.ConfigureAwait(false);
        _state = state;
        return state;
    }

    private async Task LoadReferencesAsync(ParsedSubmission parsed, RunningCell cell, CancellationToken cancellationToken)
    {
        foreach (var source in parsed.PackageSources)
        {
            if (!source.Contains("://", StringComparison.Ordinal) && !Directory.Exists(source))
                throw new PackageRestoreException($"#i \"nuget: {source}\": the folder does not exist.", []);
            if (!_packageSources.Contains(source, StringComparer.Ordinal))
                _packageSources.Add(source);
        }
        foreach (var path in parsed.AssemblyPaths)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"#r \"{path}\": the assembly does not exist.", path);
            AddReference(AssemblyResolution.RegisterReferencedFile(path));
        }

        var newPackages = parsed.Packages.Where(p => !_packageReferences.Contains(p)).ToList();
        if (newPackages.Count > 0)
        {
            var restored = await _restorer.RestoreAsync(_packageReferences.Concat(newPackages).ToList(), _packageSources, cancellationToken).ConfigureAwait(false);
            var added = Adopt(restored);
            _packageReferences.AddRange(newPackages);
            _scriptOptions = _scriptOptions.WithReferences(_references);
            foreach (var package in added)
            {
                if (package.ExtensionScript is { } script)
                    await RunExtensionAsync(package, script, cell, cancellationToken).ConfigureAwait(false);
            }
        }
        _scriptOptions = _scriptOptions.WithReferences(_references);
    }

    /// <summary>Makes the restored packages' assemblies referenced and loadable; returns the packages that are new.</summary>
    private List<RestoredPackage> Adopt(IReadOnlyList<RestoredPackage> restored)
    {
        var added = new List<RestoredPackage>();
        lock (_packages)
        {
            foreach (var package in restored)
            {
                if (_packages.TryGetValue(package.Name, out var loaded))
                {
                    if (!string.Equals(loaded.Version, package.Version, StringComparison.OrdinalIgnoreCase))
                        throw new PackageRestoreException(
                            $"Package {package.Name} {loaded.Version} is already loaded in this session; version {package.Version} cannot be loaded beside it. Restart the session to change versions.", []);
                    continue;
                }
                _packages[package.Name] = package;
                added.Add(package);
            }
        }
        foreach (var package in added)
        {
            foreach (var path in package.RuntimeAssemblies)
                AssemblyResolution.RegisterManaged(path);
            foreach (var path in package.NativeLibraries)
                AssemblyResolution.RegisterNative(path);
            foreach (var path in package.CompileAssemblies.Count > 0 ? package.CompileAssemblies : package.RuntimeAssemblies)
            {
                var name = Path.GetFileNameWithoutExtension(path);
                AddReference(AssemblyResolution.TrustedPlatformAssemblies.TryGetValue(name, out var platform) ? platform : path);
            }
        }
        return added;
    }

    private async Task RunExtensionAsync(RestoredPackage package, string script, RunningCell cell, CancellationToken cancellationToken)
    {
        var extension = DibFormat.Parse(await File.ReadAllTextAsync(script, cancellationToken).ConfigureAwait(false), script);
        foreach (var part in extension.Cells.Where(c => c.CellType == NotebookCellType.Code && KernelNames.IsCSharp(extension.LanguageOf(c))))
        {
            try
            {
                var parsed = DirectiveParser.Parse(part.Source, Path.GetDirectoryName(script)!);
                await RunCSharpAsync(parsed, cell, showResult: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not (OperationCanceledException or CellTimeoutException))
            {
                throw new ExtensionLoadException(package.Name, package.Version, script, e);
            }
        }
    }

    private void AddReference(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (!_referencedNames.Add(name))
            return;
        _references.Add(MetadataReference.CreateFromFile(path));
    }

    /// <summary>The shared framework's assemblies, read once per process and shared by every session (they are immutable).</summary>
    private static readonly Lazy<IReadOnlyList<PortableExecutableReference>> FrameworkReferences = new(() =>
        Directory.EnumerateFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("Microsoft.DiaSymReader", StringComparison.Ordinal) && IsManaged(path))
            .Order(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path))
            .ToList());

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private static string NewDisplayId() => Guid.NewGuid().ToString("N");

    /// <summary>Tells listeners about an output; what they write to the console goes to the console, not into the cell.</summary>
    internal void Publish(NotebookOutputEventArgs change)
    {
        if (OutputProduced is { } handlers)
            ConsoleRouter.Unrouted(() => handlers(this, change));
    }

    /// <summary>Restores the environment variables and current directory the session changed.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var (name, value) in _previousEnvironment)
            Environment.SetEnvironmentVariable(name, value);
        if (_previousDirectory is not null && Directory.Exists(_previousDirectory))
            Environment.CurrentDirectory = _previousDirectory;
        _restorer.Dispose();
        _gate.Dispose();
    }
}
