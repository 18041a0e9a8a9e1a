namespace Sly.Search.DemoData;

/// <summary>The vocabulary of the demo "parts inspection" set: every value a <see cref="DemoLabel"/> can take.</summary>
public static class DemoCatalog
{
    /// <summary>Part kinds: gear, bolt, nut, washer, bracket, plate, spring.</summary>
    public static IReadOnlyList<string> Parts { get; } = ["gear", "bolt", "nut", "washer", "bracket", "plate", "spring"];

    /// <summary>Materials and paint colours: steel, brass, copper, black-oxide, red, blue, yellow, green.</summary>
    public static IReadOnlyList<string> Colours { get; } = ["steel", "brass", "copper", "black-oxide", "red", "blue", "yellow", "green"];

    /// <summary>Defects: none, scratch, dent, rust, crack.</summary>
    public static IReadOnlyList<string> Defects { get; } = ["none", "scratch", "dent", "rust", "crack"];

    /// <summary>Surfaces the part lies on: bench, conveyor, table.</summary>
    public static IReadOnlyList<string> Backgrounds { get; } = ["bench", "conveyor", "table"];

    /// <summary>The datasets (production lines) images are spread over: line-a, line-b, line-c.</summary>
    public static IReadOnlyList<string> Datasets { get; } = ["line-a", "line-b", "line-c"];

    /// <summary>True for the bare-metal finishes (steel, brass, copper, black-oxide); false for painted ones.</summary>
    public static bool IsMetal(string colour) => colour is "steel" or "brass" or "copper" or "black-oxide";
}
