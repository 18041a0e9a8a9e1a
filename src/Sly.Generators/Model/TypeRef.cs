namespace Sly.Generators.Model;

/// <summary>A C# type as emitted (fully qualified, without the nullable mark) and whether it is a value type.</summary>
internal sealed record TypeRef(string Name, bool IsValueType)
{
    public string Nullable => Name + "?";

    public string Annotated(bool nullable) => nullable ? Nullable : Name;
}
