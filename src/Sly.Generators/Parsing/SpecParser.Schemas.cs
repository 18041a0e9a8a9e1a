using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.OpenApi;
using Sly.Generators.Diagnostics;
using Sly.Generators.Model;

namespace Sly.Generators.Parsing;

internal sealed partial class SpecParser
{
    private static readonly ResolvedType AnyJson = new(new TypeRef("global::System.Text.Json.Nodes.JsonNode", false), true, JsonKind.Any, "Json");

    private readonly List<TypeSpec> _types;
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ComponentEntry> _components = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VariantOf> _variantBase = new(StringComparer.Ordinal);
    private readonly HashSet<string> _polymorphicUnions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _resolvingAliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _collecting = new(StringComparer.Ordinal);

    private sealed class ComponentEntry
    {
        public ComponentEntry(string id, IOpenApiSchema schema, string? typeName, NamedKind kind)
        {
            Id = id;
            Schema = schema;
            TypeName = typeName;
            Kind = kind;
        }

        public string Id { get; }
        public IOpenApiSchema Schema { get; }
        public string? TypeName { get; }
        public NamedKind Kind { get; }
        public bool Built { get; set; }
        public ResolvedType? Alias { get; set; }
        public string Pointer => "#/components/schemas/" + EscapePointer(Id);
    }

    private sealed record VariantOf(string UnionName, string Property, EquatableArray<string> Values);

    private enum NamedKind
    {
        None,
        Object,
        Enum,
        Union,
    }

    private string Qualified(string typeName) => "global::" + Options.Namespace + "." + typeName;

    private void RegisterComponentTypes()
    {
        _typeNames.Add(Options.ClientName + "Operations");
        var schemas = _document.Components?.Schemas;
        if (schemas is null)
            return;
        foreach (var entry in schemas)
        {
            var kind = KindOf(entry.Value);
            var name = kind == NamedKind.None ? null : CSharpNames.Unique(CSharpNames.Pascal(entry.Key, "Schema"), _typeNames);
            _components[entry.Key] = new ComponentEntry(entry.Key, entry.Value, name, kind);
        }

        // A discriminated oneOf becomes a base record only when each of its cases belongs to no other such union.
        var candidates = new List<(ComponentEntry Union, string Property, List<(string Id, List<string> Values)> Cases)>();
        var usage = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var component in _components.Values.Where(c => c.Kind == NamedKind.Union))
        {
            var schema = component.Schema;
            var property = schema.Discriminator?.PropertyName;
            var members = (schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf) ?? new List<IOpenApiSchema>();
            if (string.IsNullOrEmpty(property) || members.Count == 0)
                continue;
            var cases = new List<(string, List<string>)>();
            foreach (var member in members)
            {
                if (member is not OpenApiSchemaReference reference || ComponentOf(reference) is not { Kind: NamedKind.Object } target)
                {
                    cases = null;
                    break;
                }
                var id = target.Id;
                var values = (schema.Discriminator!.Mapping ?? new Dictionary<string, OpenApiSchemaReference>())
                    .Where(m => m.Value is not null && (ComponentOf(m.Value) ?? (_components.TryGetValue(m.Value.Reference?.Id ?? "", out var named) ? named : null)) == target)
                    .Select(m => m.Key).ToList();
                if (values.Count == 0)
                    values.Add(id);
                cases.Add((id, values));
            }
            if (cases is null)
                continue;
            candidates.Add((component, property!, cases));
            foreach (var c in cases)
                usage[c.Item1] = usage.TryGetValue(c.Item1, out var n) ? n + 1 : 1;
        }
        foreach (var candidate in candidates.Where(c => c.Cases.All(v => usage[v.Id] == 1 && _components[v.Id].Schema is not OpenApiSchemaReference)))
        {
            _polymorphicUnions.Add(candidate.Union.Id);
            foreach (var c in candidate.Cases)
                _variantBase[c.Id] = new VariantOf(candidate.Union.TypeName!, candidate.Property, c.Values.ToEquatableArray());
        }
    }

    private void BuildComponentTypes()
    {
        foreach (var component in _components.Values)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (component.TypeName is null || component.Built)
                continue;
            component.Built = true;
            switch (component.Kind)
            {
                case NamedKind.Object:
                    BuildObject(component.TypeName, component.Schema, component.Pointer, component.Id);
                    break;
                case NamedKind.Enum:
                    BuildEnum(component.TypeName, component.Schema, component.Pointer);
                    break;
                case NamedKind.Union:
                    BuildUnion(component.TypeName, component.Schema, component.Pointer, _polymorphicUnions.Contains(component.Id));
                    break;
            }
        }
    }

    private static NamedKind KindOf(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference)
            return NamedKind.None;
        var members = schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf;
        if (members is { Count: > 0 })
            return members.Count(m => !IsNullOnly(m)) > 1 ? NamedKind.Union : NamedKind.None;
        if (schema.AllOf is { Count: > 0 })
            return schema.AllOf.Count == 1 && schema.Properties is not { Count: > 0 } && schema.AdditionalProperties is null ? NamedKind.None : NamedKind.Object;
        if (IsStringEnum(schema))
            return NamedKind.Enum;
        return schema.Properties is { Count: > 0 } ? NamedKind.Object : NamedKind.None;
    }

    private static bool IsStringEnum(IOpenApiSchema schema) =>
        schema.Enum is { Count: > 0 } values
        && values.Any(v => v is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out _))
        && (schema.Type is null || (schema.Type.Value & ~JsonSchemaType.Null) == JsonSchemaType.String);

    private static bool IsNullable(IOpenApiSchema schema) => schema.Type is { } type && (type & JsonSchemaType.Null) != 0;

    // In a union, an empty member can only come from OpenAPI 3.0's "- nullable: true" idiom, which the reader
    // turns into a schema with nothing in it; it means "or null", as 3.1's "- type: 'null'" does.
    private static bool IsNullOnly(IOpenApiSchema schema) =>
        schema is not OpenApiSchemaReference
        && (schema.Type == JsonSchemaType.Null || schema.Type is null)
        && schema.Properties is not { Count: > 0 }
        && schema.Items is null && schema.AdditionalProperties is null && schema.Enum is not { Count: > 0 }
        && string.IsNullOrEmpty(schema.Format) && schema.Not is null
        && schema.OneOf is not { Count: > 0 } && schema.AnyOf is not { Count: > 0 } && schema.AllOf is not { Count: > 0 };

    /// <summary>The schema itself, or the one at the end of its chain of references; null for a dangling or cyclic chain.</summary>
    private IOpenApiSchema? Target(IOpenApiSchema? schema)
    {
        for (var hops = 0; schema is OpenApiSchemaReference reference; hops++)
            schema = hops < 32 ? TargetOf(reference)?.Schema : null;
        return schema;
    }

    private ResolvedType Resolve(IOpenApiSchema? schema, string hint, string pointer)
    {
        if (schema is null)
            return AnyJson;
        if (schema is OpenApiSchemaReference reference)
        {
            var target = TargetOf(reference);
            return target is null ? AnyJson : ResolveTarget(target, hint); // no target: reported as SLYGEN003
        }
        return ResolveInline(schema, hint, pointer);
    }

    private ResolvedType ResolveComponent(ComponentEntry component)
    {
        var nullable = Target(component.Schema) is { } schema && IsNullable(schema);
        switch (component.Kind)
        {
            case NamedKind.Object:
                return new ResolvedType(new TypeRef(Qualified(component.TypeName!), false), nullable, JsonKind.Object, component.TypeName!);
            case NamedKind.Enum:
                return new ResolvedType(new TypeRef(Qualified(component.TypeName!), true), nullable, JsonKind.String, component.TypeName!);
            case NamedKind.Union:
                return new ResolvedType(new TypeRef(Qualified(component.TypeName!), false), nullable, JsonKind.Any, component.TypeName!);
        }
        if (component.Alias is not null)
            return component.Alias;
        if (!_resolvingAliases.Add(component.Id))
            return AnyJson; // a $ref cycle, which the reader reports (SLYGEN010)
        var alias = component.Schema is OpenApiSchemaReference
            ? Resolve(component.Schema, CSharpNames.Pascal(component.Id, "Schema"), component.Pointer)
            : ResolveInline(component.Schema, CSharpNames.Pascal(component.Id, "Schema"), component.Pointer);
        _resolvingAliases.Remove(component.Id);
        component.Alias = alias;
        return alias;
    }

    private ResolvedType ResolveInline(IOpenApiSchema schema, string hint, string pointer)
    {
        var nullable = IsNullable(schema);
        if (schema.Not is not null)
            Report(DiagnosticDescriptors.UnsupportedConstruct, pointer + "/not", "'not'", pointer, "ignored");

        if (schema.OneOf is { Count: > 0 } || schema.AnyOf is { Count: > 0 })
            return ResolveUnion(schema, hint, pointer, nullable);

        if (schema.AllOf is { Count: > 0 })
        {
            if (schema.AllOf.Count == 1 && schema.Properties is not { Count: > 0 } && schema.AdditionalProperties is null)
            {
                var only = Resolve(schema.AllOf[0], hint, pointer + "/allOf/0");
                return only with { Nullable = only.Nullable || nullable };
            }
            var merged = CSharpNames.Unique(CSharpNames.Pascal(hint, "Model"), _typeNames);
            BuildObject(merged, schema, pointer, null);
            return new ResolvedType(new TypeRef(Qualified(merged), false), nullable, JsonKind.Object, merged);
        }

        if (IsStringEnum(schema))
        {
            var name = CSharpNames.Unique(CSharpNames.Pascal(hint, "Value"), _typeNames);
            BuildEnum(name, schema, pointer);
            return new ResolvedType(new TypeRef(Qualified(name), true), nullable, JsonKind.String, name);
        }

        if (schema.Properties is { Count: > 0 })
        {
            var name = CSharpNames.Unique(CSharpNames.Pascal(hint, "Model"), _typeNames);
            BuildObject(name, schema, pointer, null);
            return new ResolvedType(new TypeRef(Qualified(name), false), nullable, JsonKind.Object, name);
        }

        var type = schema.Type is { } t ? t & ~JsonSchemaType.Null : (JsonSchemaType)0;
        if (type == 0 && IsStringConstant(schema.Const))
            type = JsonSchemaType.String;
        if (type == 0 && schema.Items is not null)
            type = JsonSchemaType.Array;
        if (type == 0 && schema.AdditionalProperties is not null)
            type = JsonSchemaType.Object;

        switch (type)
        {
            case JsonSchemaType.Array:
            {
                var item = Resolve(schema.Items, hint + "Item", pointer + "/items");
                return new ResolvedType(new TypeRef("global::System.Collections.Generic.IReadOnlyList<" + item.Type.Annotated(item.Nullable) + ">", false),
                    nullable, JsonKind.Array, item.Label + "List");
            }
            case JsonSchemaType.Object:
            {
                if (schema.AdditionalProperties is null)
                    return new ResolvedType(new TypeRef("global::System.Text.Json.Nodes.JsonObject", false), nullable, JsonKind.Object, "JsonObject");
                var value = Resolve(schema.AdditionalProperties, hint + "Value", pointer + "/additionalProperties");
                return new ResolvedType(new TypeRef("global::System.Collections.Generic.IReadOnlyDictionary<string, " + value.Type.Annotated(value.Nullable) + ">", false),
                    nullable, JsonKind.Object, value.Label + "Map");
            }
            case JsonSchemaType.String:
                return Primitive(StringType(schema), nullable, JsonKind.String);
            case JsonSchemaType.Integer:
                return Primitive(IntegerType(schema.Format), nullable, JsonKind.Number);
            case JsonSchemaType.Number:
                return Primitive(NumberType(schema.Format), nullable, JsonKind.Number);
            case JsonSchemaType.Boolean:
                return Primitive(("bool", "Boolean", true), nullable, JsonKind.Boolean);
            default:
                return AnyJson with { Nullable = true };
        }
    }

    // Microsoft.OpenApi keeps const as text, so a number or boolean constant is told apart only by its spelling.
    private static bool IsStringConstant(string? constant) =>
        constant is not null && constant != "true" && constant != "false" && constant != "null"
        && !double.TryParse(constant, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static ResolvedType Primitive((string Name, string Label, bool IsValueType) type, bool nullable, JsonKind kind) =>
        new(new TypeRef(type.Name, type.IsValueType), nullable, kind, type.Label);

    private static (string, string, bool) StringType(IOpenApiSchema schema)
    {
        // JSON Schema 2020-12 spells 3.0's format: byte as contentEncoding: base64.
        if (schema is OpenApiSchema { ContentEncoding: { } encoding } && string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase))
            return ("byte[]", "Bytes", false);
        switch (schema.Format?.ToLowerInvariant())
        {
            case "date-time": return ("global::System.DateTimeOffset", "DateTimeOffset", true);
            case "date": return ("global::System.DateOnly", "DateOnly", true);
            case "uuid": return ("global::System.Guid", "Guid", true);
            case "byte": return ("byte[]", "Bytes", false);
            case "binary": return ("global::System.IO.Stream", "Stream", false);
            default: return ("string", "String", false);
        }
    }

    private static (string, string, bool) IntegerType(string? format)
    {
        switch (format?.ToLowerInvariant())
        {
            case "int32":
            case "int":
                return ("int", "Int32", true);
            case "uint32":
            case "uint":
                return ("uint", "UInt32", true);
            case "uint64":
                return ("ulong", "UInt64", true);
            case "int16":
                return ("short", "Int16", true);
            case "uint16":
                return ("ushort", "UInt16", true);
            case "int8":
                return ("sbyte", "SByte", true);
            case "uint8":
                return ("byte", "Byte", true);
            default:
                return ("long", "Int64", true);
        }
    }

    private static (string, string, bool) NumberType(string? format)
    {
        switch (format?.ToLowerInvariant())
        {
            case "float": return ("float", "Single", true);
            case "decimal": return ("decimal", "Decimal", true);
            default: return ("double", "Double", true);
        }
    }

    private ResolvedType ResolveUnion(IOpenApiSchema schema, string hint, string pointer, bool nullable)
    {
        var members = NonNullMembers(schema, pointer, ref nullable);
        if (members.Count == 0)
            return AnyJson with { Nullable = true };
        if (members.Count == 1)
        {
            var only = Resolve(members[0].Schema, hint, members[0].Pointer);
            return only with { Nullable = only.Nullable || nullable };
        }
        var resolved = members.Select((m, i) => Resolve(m.Schema, hint + "Variant" + (i + 1), m.Pointer)).ToList();
        if (resolved.Select(r => r.Type.Name).Distinct(StringComparer.Ordinal).Count() == 1)
            return resolved[0] with { Nullable = nullable || resolved.Any(r => r.Nullable) };
        var name = CSharpNames.Unique(CSharpNames.Pascal(hint, "Union"), _typeNames);
        CheckDiscriminator(schema, pointer, members.Select(m => m.Schema), polymorphic: false);
        AddUnion(name, schema, pointer, resolved, polymorphic: false);
        return new ResolvedType(new TypeRef(Qualified(name), false), nullable, JsonKind.Any, name);
    }

    private void BuildUnion(string name, IOpenApiSchema schema, string pointer, bool polymorphic)
    {
        var nullable = false;
        var members = NonNullMembers(schema, pointer, ref nullable);
        var resolved = members.Select((m, i) => Resolve(m.Schema, name + "Variant" + (i + 1), m.Pointer)).ToList();
        CheckDiscriminator(schema, pointer, members.Select(m => m.Schema), polymorphic);
        AddUnion(name, schema, pointer, resolved, polymorphic);
    }

    private List<(IOpenApiSchema Schema, string Pointer)> NonNullMembers(IOpenApiSchema schema, string pointer, ref bool nullable)
    {
        var keyword = schema.OneOf is { Count: > 0 } ? "oneOf" : "anyOf";
        if (schema.OneOf is { Count: > 0 } && schema.AnyOf is { Count: > 0 })
            Report(DiagnosticDescriptors.UnsupportedConstruct, pointer + "/anyOf", "'anyOf' beside 'oneOf'", pointer, "ignored");
        var all = (keyword == "oneOf" ? schema.OneOf : schema.AnyOf)!;
        var result = new List<(IOpenApiSchema, string)>();
        for (var i = 0; i < all.Count; i++)
        {
            if (IsNullOnly(all[i]))
                nullable = true;
            else
                result.Add((all[i], pointer + "/" + keyword + "/" + i));
        }
        return result;
    }

    private void AddUnion(string name, IOpenApiSchema schema, string pointer, List<ResolvedType> cases, bool polymorphic)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal) { "Json", "Converter", "Discriminator", "From", name };
        var specs = cases.Select(c =>
        {
            var discriminatorValues = EquatableArray<string>.Empty;
            if (polymorphic)
            {
                var variantId = _components.Values.FirstOrDefault(e => e.TypeName is not null && Qualified(e.TypeName) == c.Type.Name)?.Id;
                if (variantId is not null && _variantBase.TryGetValue(variantId, out var variant))
                    discriminatorValues = variant.Values;
            }
            return new UnionCaseSpec(CSharpNames.Unique(CSharpNames.Pascal(c.Label, "Case"), labels), c.Type, discriminatorValues, c.Kind);
        }).ToEquatableArray();
        _types.Add(new UnionSpec(name, Description(schema), pointer, schema.Discriminator?.PropertyName, polymorphic, specs));
    }

    private void BuildEnum(string name, IOpenApiSchema schema, string pointer)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal)
        {
            name, "Value", "IsKnown", "KnownValues", "Converter", "Equals", "GetHashCode", "ToString", "GetType",
        };
        var members = new List<EnumMemberSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in schema.Enum!)
        {
            if (node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) && seen.Add(text))
                members.Add(new EnumMemberSpec(CSharpNames.Unique(CSharpNames.EnumMember(text), taken), text));
        }
        _types.Add(new EnumSpec(name, Description(schema), pointer, members.ToEquatableArray()));
    }

    private void BuildObject(string name, IOpenApiSchema schema, string pointer, string? componentId)
    {
        var collected = new List<(string JsonName, IOpenApiSchema Schema, string Pointer)>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        var extensionData = false;
        CollectProperties(schema, pointer, collected, required, ref extensionData);

        VariantOf? variant = null;
        if (componentId is not null)
            _variantBase.TryGetValue(componentId, out variant);

        var taken = new HashSet<string>(StringComparer.Ordinal)
        {
            name, "EqualityContract", "Equals", "GetHashCode", "ToString", "GetType", "Deconstruct", "PrintMembers", "MemberwiseClone", "Clone",
        };
        var properties = new List<PropertySpec>();
        foreach (var (jsonName, propertySchema, propertyPointer) in collected)
        {
            var pascal = CSharpNames.Pascal(jsonName, "Property");
            if (pascal == name)
                pascal += "Value";
            var propertyName = CSharpNames.Unique(pascal, taken);
            var resolved = Resolve(propertySchema, name + CSharpNames.Pascal(jsonName, "Property"), propertyPointer);
            var isRequired = required.Contains(jsonName);
            string? fixedValue = null;
            if (variant is not null && variant.Property == jsonName && (resolved.Type.Name == "string" || resolved.Kind == JsonKind.String) && variant.Values.Count > 0)
            {
                fixedValue = variant.Values[0];
                isRequired = false;
                resolved = resolved with { Nullable = false };
            }
            var target = Target(propertySchema);
            if (fixedValue is null && target?.Const is { } constant && resolved.Type.Name == "string")
            {
                fixedValue = constant;
                isRequired = false;
                resolved = resolved with { Nullable = false };
            }
            properties.Add(new PropertySpec(propertyName, jsonName, resolved.Type, isRequired, fixedValue is null && (!isRequired || resolved.Nullable),
                Description(propertySchema), target?.Deprecated == true, fixedValue));
        }
        if (variant is { Values.Count: > 0 } && !collected.Any(c => c.JsonName == variant.Property))
        {
            // The case does not declare its discriminator (SLYGEN013): it still writes it, so the server can tell.
            properties.Add(new PropertySpec(CSharpNames.Unique(CSharpNames.Pascal(variant.Property, "Kind"), taken), variant.Property,
                new TypeRef("string", false), false, false, null, false, variant.Values[0]));
        }
        if (extensionData)
            properties.Add(new PropertySpec(CSharpNames.Unique("AdditionalProperties", taken), "",
                new TypeRef("global::System.Collections.Generic.IDictionary<string, global::System.Text.Json.JsonElement>", false),
                false, true, "Properties not declared by the schema.", false, null, IsExtensionData: true));

        _types.Add(new ObjectSpec(name, Description(schema), pointer, properties.ToEquatableArray(), variant?.UnionName, extensionData));
    }

    private void CollectProperties(IOpenApiSchema schema, string pointer, List<(string, IOpenApiSchema, string)> collected, HashSet<string> required, ref bool extensionData)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            var target = TargetOf(reference);
            if (target is null)
                return;
            if (!_collecting.Add(target.Pointer))
            {
                Report(DiagnosticDescriptors.CircularSchema, pointer, pointer, "the repeated allOf member is left out");
                return;
            }
            CollectProperties(target.Schema, target.Pointer, collected, required, ref extensionData);
            _collecting.Remove(target.Pointer);
            return;
        }
        if (schema.AllOf is { Count: > 0 })
        {
            for (var i = 0; i < schema.AllOf.Count; i++)
                CollectProperties(schema.AllOf[i], pointer + "/allOf/" + i, collected, required, ref extensionData);
        }
        if (schema.Properties is not null)
        {
            foreach (var property in schema.Properties)
            {
                collected.RemoveAll(c => c.Item1 == property.Key);
                collected.Add((property.Key, property.Value, pointer + "/properties/" + EscapePointer(property.Key)));
            }
        }
        if (schema.Required is not null)
            required.UnionWith(schema.Required);
        if (schema.AdditionalProperties is not null && schema.Properties is { Count: > 0 })
            extensionData = true;
    }

    private static string? Description(IOpenApiSchema? schema)
    {
        if (schema is null)
            return null;
        string? text;
        try
        {
            text = schema.Description;
            if (string.IsNullOrWhiteSpace(text))
                text = schema.Title;
        }
        catch (InvalidOperationException)
        {
            return null; // a reference into a $ref cycle, reported by the reader (SLYGEN010)
        }
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
