namespace Sly.Generators.Model;

/// <summary>One Refit interface: the operations of one tag.</summary>
internal sealed record InterfaceSpec(string Name, string Tag, string? Description, bool IsExtension, EquatableArray<OperationSpec> Operations);
