namespace Sly.Notebooks.Kernel;

/// <summary>
/// The token the cancellation checks in a running cell's loops read (<see cref="LoopCancellation"/>). A run sets it before
/// each cell and cancels it when the cell times out; runs in one process take turns, so one token at a time is enough.
/// Not the kernel's own invocation token: a cell that times out while the kernel is still compiling it starts running
/// after the kernel has already dropped that token.
/// </summary>
public static class CellCancellation
{
    private static CancellationToken _token;

    /// <summary>The running cell's token (none outside a run).</summary>
    public static CancellationToken Token => _token;

    internal static void Set(CancellationToken token) => _token = token;
}
