using Sly.Generators.Model;

namespace Sly.Generators.Parsing;

/// <summary>What a schema becomes in C#: the type, whether null is allowed, its JSON kind and a label for union accessors.</summary>
internal sealed record ResolvedType(TypeRef Type, bool Nullable, JsonKind Kind, string Label);
