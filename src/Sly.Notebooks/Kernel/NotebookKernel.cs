using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Sly.Notebooks.Kernel;

/// <summary>
/// .NET Interactive's C# kernel, set up as the dotnet-interactive tool sets it up for VS Code and Jupyter: a composite
/// kernel with the C# kernel as default, its helpers (display, HTML), value sharing and #!import, <c>#r "nuget:"</c> and
/// <c>#i</c> through the PackageManagement library, and package extensions loaded after a restore
/// (<see cref="PackageExtensionLoader"/>). One instance per notebook: variables and usings never cross notebooks.
/// </summary>
public sealed class NotebookKernel : IDisposable
{
    /// <summary>The default (and only code) kernel's name.</summary>
    public const string CSharp = "csharp";

    /// <summary>A fresh kernel.</summary>
    public NotebookKernel()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing().UseWho();
        csharp.UseNugetDirective((kernel, references) =>
        {
            kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
            return Task.CompletedTask;
        });
        // The cancellation checks LoopCancellation adds to a cell's loops read CellCancellation.
        csharp.AddAssemblyReferences([typeof(CellCancellation).Assembly.Location]);
        Root = new CompositeKernel { csharp };
        Root.DefaultKernelName = csharp.Name;
        Root.UseImportMagicCommand();
        PackageExtensionLoader.Attach(Root);
    }

    /// <summary>The kernel commands go to.</summary>
    public CompositeKernel Root { get; }

    /// <summary>
    /// Starts the C# compiler and scripting engine with a submission nobody sees, as a Jupyter client waits for a kernel to
    /// start before its first cell: a notebook's first cell is then timed (and held to the cell timeout) for its own work.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        var result = await Root.SendAsync(new SubmitCode("0", CSharp), cancellationToken).ConfigureAwait(false);
        if (result.Events.OfType<Microsoft.DotNet.Interactive.Events.CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException("The C# kernel did not start: " + failed.Message, failed.Exception);
    }

    /// <summary>Runs C# code as a cell.</summary>
    public Task<KernelCommandResult> SubmitAsync(string code, CancellationToken cancellationToken = default) =>
        Root.SendAsync(new SubmitCode(code, CSharp), cancellationToken);

    /// <summary>Asks the kernel to cancel the running command (what a front end's "interrupt" sends).</summary>
    public Task<KernelCommandResult> CancelAsync() => Root.SendAsync(new Cancel());

    /// <summary>Disposes the kernels.</summary>
    public void Dispose() => Root.Dispose();
}
