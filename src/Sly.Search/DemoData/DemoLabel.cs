namespace Sly.Search.DemoData;

/// <summary>Ground truth of one demo image; each value is one of the lists in <see cref="DemoCatalog"/>.</summary>
/// <param name="Part">The part kind, e.g. "gear".</param>
/// <param name="Colour">The material or paint colour, e.g. "brass" or "red".</param>
/// <param name="Defect">The defect, or "none".</param>
public sealed record DemoLabel(string Part, string Colour, string Defect);
