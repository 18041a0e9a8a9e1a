using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Sly.Search.DemoData;
using Spectre.Console;

namespace Sly.Cli;

/// <summary><c>sly demo-data</c>: writes the synthetic parts-inspection image set with labels and captions.</summary>
internal static class DemoDataCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Folder to write <dataset>/<name>.png and labels.jsonl into (created if missing).",
            Required = true,
        };
        var count = new Option<int>("--count", "-n")
        {
            Description = "How many images to generate (1 or more).",
            DefaultValueFactory = _ => 500,
        };
        count.CustomParser = result => WholeNumber(result, "--count", 1, int.MaxValue, "1 or more");
        var seed = new Option<long>("--seed", "-s")
        {
            Description = "Random seed; the same seed gives byte-identical images.",
            DefaultValueFactory = _ => 1,
        };
        var size = new Option<int>("--size")
        {
            Description = $"Image width and height in pixels ({DemoImageSet.MinSize}-{DemoImageSet.MaxSize}).",
            DefaultValueFactory = _ => DemoImageSet.DefaultSize,
        };
        size.CustomParser = result => WholeNumber(result, "--size", DemoImageSet.MinSize, DemoImageSet.MaxSize, $"{DemoImageSet.MinSize}-{DemoImageSet.MaxSize} pixels");

        var command = new Command("demo-data", "Generate the demo parts-inspection image set (gears, bolts, nuts, washers, brackets, plates, springs; defects: scratch, dent, rust, crack) with labels.jsonl.")
        {
            output, count, seed, size,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var directory = parse.GetRequiredValue(output);
            var n = parse.GetValue(count);
            var s = parse.GetValue(seed);
            var px = parse.GetValue(size);
            try
            {
                var summary = Run(directory.FullName, n, s, px, cancellationToken);
                Print(summary, s, px);
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"demo-data: cannot write to {directory.FullName}: {e.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    /// <summary>Parses a whole number in [min, max], or records an error naming the option and what it allows.</summary>
    private static int WholeNumber(ArgumentResult result, string option, int min, int max, string allowed)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            result.AddError($"{option} must be a whole number, {allowed} (got '{text}').");
            return min;
        }
        return value;
    }

    private static DemoDataSummary Run(string directory, int count, long seed, int size, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return DemoDataWriter.Write(directory, count, seed, size, cancellationToken: cancellationToken);
        DemoDataSummary? summary = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("Rendering demo images", maxValue: count);
                summary = DemoDataWriter.Write(directory, count, seed, size, new ProgressTaskProgress(task), cancellationToken);
            });
        return summary!;
    }

    private static void Print(DemoDataSummary summary, long seed, int size)
    {
        static string Counts(IReadOnlyDictionary<string, int> counts) => string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"));
        var seconds = summary.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? summary.Count / seconds : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {summary.Count} images ({size}x{size} px, seed {seed}) to {summary.OutputDirectory} in {seconds:0.0} s ({rate:0} images/s)"));
        Console.WriteLine($"  datasets: {Counts(summary.ImagesByDataset)}");
        Console.WriteLine($"  parts:    {Counts(summary.ImagesByPart)}");
        Console.WriteLine($"  defects:  {Counts(summary.ImagesByDefect)}");
        Console.WriteLine($"  labels:   {summary.LabelsPath}");
    }

    /// <summary>Moves a Spectre progress bar from the writer's worker threads.</summary>
    private sealed class ProgressTaskProgress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Value = value;
    }
}
