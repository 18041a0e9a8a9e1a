namespace Sly.Search.DemoData;

/// <summary>What <see cref="DemoDataWriter.Write"/> wrote.</summary>
/// <param name="OutputDirectory">The folder holding the dataset folders and labels.jsonl (absolute).</param>
/// <param name="LabelsPath">The labels.jsonl file (absolute).</param>
/// <param name="Count">How many images were written.</param>
/// <param name="ImagesByDataset">Image count per dataset.</param>
/// <param name="ImagesByPart">Image count per part kind.</param>
/// <param name="ImagesByDefect">Image count per defect.</param>
/// <param name="Elapsed">Wall-clock time spent.</param>
public sealed record DemoDataSummary(
    string OutputDirectory,
    string LabelsPath,
    int Count,
    IReadOnlyDictionary<string, int> ImagesByDataset,
    IReadOnlyDictionary<string, int> ImagesByPart,
    IReadOnlyDictionary<string, int> ImagesByDefect,
    TimeSpan Elapsed);
