using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Sly.Benchmarks -- --filter '*'   (see the README's benchmark table)
BenchmarkSwitcher.FromAssembly(typeof(Sly.Benchmarks.BenchmarkFiles).Assembly).Run(args);
