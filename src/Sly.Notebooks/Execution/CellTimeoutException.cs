namespace Sly.Notebooks.Execution;

/// <summary>A cell ran longer than the session's cell timeout.</summary>
internal sealed class CellTimeoutException(TimeSpan limit)
    : Exception($"The cell ran longer than the cell timeout of {limit.TotalSeconds:0.###} s and was abandoned; its code may still be running.");
