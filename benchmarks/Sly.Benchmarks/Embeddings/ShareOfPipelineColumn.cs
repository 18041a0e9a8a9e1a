using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Sly.Benchmarks.Embeddings;

/// <summary>A benchmark's time per image as a share of the full pipeline's, for the same model.</summary>
public sealed class ShareOfPipelineColumn(string pipelineMethod) : IColumn
{
    public string Id => nameof(ShareOfPipelineColumn);
    public string ColumnName => "of pipeline";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Time per image divided by {pipelineMethod}'s for the same parameters (preprocessing target ≤ 15 %)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var pipeline = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.WorkloadMethod.Name == pipelineMethod && c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo);
        var own = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var whole = pipeline is null ? null : summary[pipeline]?.ResultStatistics?.Mean;
        return own is { } o && whole is { } w and > 0 ? $"{100 * o / w:F0} %" : "-";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
