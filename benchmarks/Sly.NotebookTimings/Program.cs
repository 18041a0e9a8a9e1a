using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive.Events;
using Sly.Notebooks.Kernel;

// What the real kernel costs a headless run, in a fresh process (JIT included), as `sly run` pays it:
//   dotnet run -c Release --project benchmarks/Sly.NotebookTimings [-- --runs N]
// 1. kernel start: a NotebookKernel and its first submission (Roslyn scripting warms up);
// 2. the first #r "nuget: Sly.Interactive, *-*" with an empty NuGet packages folder and HTTP cache (cold: every package
//    downloaded from the feeds), then in a second kernel with both filled (warm: a restore that finds everything).
var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var root = Directory.CreateTempSubdirectory("sly-kernel-timings-").FullName;
var packages = Path.Combine(root, "packages");
var httpCache = Path.Combine(root, "http-cache");
string[] variables = ["NUGET_PACKAGES", "NUGET_HTTP_CACHE_PATH"];
var previous = variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
try
{
    Environment.SetEnvironmentVariable("NUGET_PACKAGES", packages);
    Environment.SetEnvironmentVariable("NUGET_HTTP_CACHE_PATH", httpCache);
    for (var run = 1; run <= runs; run++)
    {
        foreach (var folder in new[] { packages, httpCache }.Where(Directory.Exists))
            Directory.Delete(folder, recursive: true);
        var start = Stopwatch.StartNew();
        using (var kernel = new NotebookKernel())
        {
            await kernel.WarmUpAsync();
            var started = start.Elapsed;
            var cold = await TimeAsync(kernel, "#r \"nuget: Sly.Interactive, *-*\"");
            Print(run, "kernel start (new kernel + first submission)", started);
            Print(run, "first #r \"nuget: Sly.Interactive, *-*\", cold NuGet cache", cold);
        }
        using (var kernel = new NotebookKernel())
        {
            await kernel.WarmUpAsync();
            Print(run, "first #r \"nuget: Sly.Interactive, *-*\", warm NuGet cache", await TimeAsync(kernel, "#r \"nuget: Sly.Interactive, *-*\""));
        }
    }
}
finally
{
    foreach (var (name, value) in previous)
        Environment.SetEnvironmentVariable(name, value);
    Directory.Delete(root, recursive: true);
}
return 0;

static async Task<TimeSpan> TimeAsync(NotebookKernel kernel, string code)
{
    var clock = Stopwatch.StartNew();
    var result = await kernel.SubmitAsync(code);
    if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
        throw new InvalidOperationException(failed.Message);
    return clock.Elapsed;
}

static void Print(int run, string what, TimeSpan time) =>
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: {what}: {time.TotalSeconds:0.00} s"));
