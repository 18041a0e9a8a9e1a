namespace Sly.Notebooks.Parameters;

/// <summary>Where <see cref="ParameterInjector.Inject"/> put the parameters.</summary>
/// <param name="CellIndex">The index of the injected cell.</param>
/// <param name="Warning">Why the placement may not be what the author meant (no <c>parameters</c> cell), or null.</param>
public sealed record ParameterInjection(int CellIndex, string? Warning);
