namespace Sly.Generators.Model;

/// <summary>A named type the spec defines: an object record, a string enum or a oneOf/anyOf union.</summary>
internal abstract record TypeSpec(string Name, string? Description, string SourcePointer);

/// <summary>A record with one property per schema property (allOf members merged in).</summary>
internal sealed record ObjectSpec(
    string Name,
    string? Description,
    string SourcePointer,
    EquatableArray<PropertySpec> Properties,
    string? BaseType,
    bool HasExtensionData) : TypeSpec(Name, Description, SourcePointer);

/// <summary>A string enum that keeps unknown values instead of failing on them.</summary>
internal sealed record EnumSpec(string Name, string? Description, string SourcePointer, EquatableArray<EnumMemberSpec> Members)
    : TypeSpec(Name, Description, SourcePointer);

/// <summary>A oneOf/anyOf: polymorphic records when a discriminator picks the case, else a JSON-element wrapper.</summary>
internal sealed record UnionSpec(
    string Name,
    string? Description,
    string SourcePointer,
    string? DiscriminatorProperty,
    bool IsPolymorphic,
    EquatableArray<UnionCaseSpec> Cases) : TypeSpec(Name, Description, SourcePointer);

internal sealed record PropertySpec(
    string Name,
    string JsonName,
    TypeRef Type,
    bool IsRequired,
    bool IsNullable,
    string? Description,
    bool Deprecated,
    string? FixedValue,
    bool IsExtensionData = false);

internal sealed record EnumMemberSpec(string Name, string Value);

/// <summary>One case of a union: how it is named in accessors, its type, its discriminator values and JSON kind.</summary>
internal sealed record UnionCaseSpec(string Label, TypeRef Type, EquatableArray<string> DiscriminatorValues, JsonKind Kind);

internal enum JsonKind
{
    Any,
    Object,
    Array,
    String,
    Number,
    Boolean,
}
