using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace Sly.Notebooks.Kernel;

/// <summary>
/// Loads the notebook extensions a restored package carries, as the dotnet-interactive tool does (its loader is part of the
/// tool, not of a library package): after the command that restored it, each package's
/// <c>interactive-extensions/dotnet/</c> folder has its top-level DLLs loaded and every public <see cref="IKernelExtension"/>
/// in them run, then its <c>extension.dib</c> run; each step is announced in the cell as the tool announces it.
/// </summary>
public static class PackageExtensionLoader
{
    private const string ExtensionFolder = "interactive-extensions/dotnet";
    private const string ExtensionScript = "extension.dib";

    /// <summary>Watches <paramref name="kernel"/>'s restores and loads the extensions of every package added.</summary>
    public static void Attach(CompositeKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var added = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        kernel.RegisterForDisposal(kernel.KernelEvents.OfType<PackageAdded>()
            .Where(e => e.PackageReference.PackageRoot is { Length: > 0 })
            .Subscribe(e =>
            {
                if (seen.TryAdd(e.PackageReference.PackageRoot, true))
                    added.Enqueue(e.PackageReference.PackageRoot);
            }));
        var loadedAssemblies = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context).ConfigureAwait(false);
            while (added.TryDequeue(out var root))
            {
                var folder = new DirectoryInfo(Path.Combine(root, ExtensionFolder));
                if (folder.Exists)
                    await LoadAsync(kernel, folder, context, loadedAssemblies).ConfigureAwait(false);
            }
        }, nameof(PackageExtensionLoader));
    }

    private static async Task LoadAsync(CompositeKernel kernel, DirectoryInfo folder, KernelInvocationContext context, ConcurrentDictionary<string, bool> loaded)
    {
        foreach (var dll in folder.GetFiles("*.dll", SearchOption.TopDirectoryOnly).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (!loaded.TryAdd(AssemblyName.GetAssemblyName(dll.FullName).FullName, true))
                continue;
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll.FullName);
            var extensions = assembly.ExportedTypes
                .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false } && typeof(IKernelExtension).IsAssignableFrom(t))
                .ToList();
            if (extensions.Count > 0)
                KernelInvocationContextExtensions.Display(context, $"Loading extensions from `{assembly.Location}`");
            foreach (var type in extensions)
            {
                try
                {
                    var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                    await extension.OnLoadAsync(kernel).ConfigureAwait(false);
                    context.Publish(new KernelExtensionLoaded(extension, context.Command));
                }
                catch (Exception e)
                {
                    context.Publish(new ErrorProduced($"Failed to load kernel extension \"{type.Name}\" from assembly {assembly.Location}", context.Command));
                    context.Fail(context.Command, e);
                }
            }
        }
        var script = new FileInfo(Path.Combine(folder.FullName, ExtensionScript));
        if (script.Exists)
        {
            KernelInvocationContextExtensions.Display(context, $"Loading extension script from `{script.FullName}`");
            await kernel.LoadAndRunInteractiveDocument(script, context.Command).ConfigureAwait(false);
        }
    }
}
