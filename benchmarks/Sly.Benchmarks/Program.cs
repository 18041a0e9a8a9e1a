using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Sly.Benchmarks -- --filter '*'   (see the README's benchmark table)
// Measurements that are not BenchmarkDotNet jobs are commands: `-- <command> [options]` (see CommandLineBenchmarks).
if (Sly.Benchmarks.CommandLineBenchmarks.TryRun(args, out var exitCode))
    return exitCode;
BenchmarkSwitcher.FromAssembly(typeof(Sly.Benchmarks.BenchmarkFiles).Assembly).Run(args);
return 0;
