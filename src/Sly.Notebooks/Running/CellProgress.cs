namespace Sly.Notebooks.Running;

/// <summary>A step of a notebook run, reported to <see cref="NotebookRunOptions.Progress"/>.</summary>
/// <param name="CellIndex">The cell's index in the notebook (the injected parameters cell included).</param>
/// <param name="CellCount">How many cells the notebook has.</param>
/// <param name="Status">Where the cell stands.</param>
/// <param name="Duration">How long the cell has taken so far (zero for cells that did not run, and for text cells).</param>
/// <param name="ExecutionCount">The cell's execution count once it started, else null.</param>
/// <param name="Outputs">How many outputs the cell has so far.</param>
public sealed record CellProgress(int CellIndex, int CellCount, CellRunStatus Status, TimeSpan Duration, int? ExecutionCount, int Outputs = 0);
