using System.Linq;
using Sly.Generators.Model;

namespace Sly.Generators.Emitting;

/// <summary>
/// Emits oneOf/anyOf. With a discriminator whose cases are records of their own: an abstract base record the cases
/// derive from, read by the discriminator (an unknown discriminator is kept as <c>Unrecognized</c>). Otherwise: a
/// wrapper over the raw JSON element with a typed <c>TryGet…</c> accessor per case.
/// </summary>
internal static class UnionEmitter
{
    private const string Stj = "global::System.Text.Json.";

    public static GeneratedFile Emit(ApiSpec spec, UnionSpec union)
    {
        var writer = FileHeader.Start(spec.Namespace);
        var cases = string.Join(", ", union.Cases.Select(c => c.Label));
        XmlDoc.Summary(writer, union.Description ?? "One of: " + cases + ".", union.Description is null ? null : "One of: " + cases + ".");
        writer.Line(FileHeader.GeneratedCode);
        writer.Line("[" + Stj + "Serialization.JsonConverter(typeof(" + union.Name + ".Converter))]");
        if (union.IsPolymorphic)
            EmitPolymorphic(writer, union);
        else
            EmitWrapper(writer, union);
        return new GeneratedFile(spec.ClientName + "." + union.Name + ".g.cs", writer.ToString());
    }

    private static void EmitPolymorphic(SourceWriter writer, UnionSpec union)
    {
        var name = union.Name;
        writer.Open("public abstract partial record " + name);
        writer.Line("private protected " + name + "()").Line("{").Line("}").Line();
        writer.Line("/// <summary>A case whose discriminator this client does not know; the JSON is kept as it came.</summary>");
        writer.Open("public sealed record Unrecognized(" + Stj + "JsonElement Json) : " + name);
        writer.Close().Line();
        writer.Line("/// <summary>Picks the case from the " + Literal(union.DiscriminatorProperty!) + " property.</summary>");
        writer.Open("public sealed class Converter : " + Stj + "Serialization.JsonConverter<" + name + ">");
        writer.Open("public override " + name + "? Read(ref " + Stj + "Utf8JsonReader reader, global::System.Type typeToConvert, " + Stj + "JsonSerializerOptions options)");
        writer.Line("using var document = " + Stj + "JsonDocument.ParseValue(ref reader);");
        writer.Line("var root = document.RootElement;");
        writer.Line("if (root.ValueKind != " + Stj + "JsonValueKind.Object)");
        writer.Line("    throw new " + Stj + "JsonException(\"Expected an object for " + name + ", got \" + root.ValueKind + \".\");");
        writer.Line("var discriminator = root.TryGetProperty(" + CSharpLiteral.String(union.DiscriminatorProperty!) + ", out var value) && value.ValueKind == " + Stj + "JsonValueKind.String ? value.GetString() : null;");
        writer.Open("switch (discriminator)");
        foreach (var @case in union.Cases)
        {
            foreach (var discriminator in @case.DiscriminatorValues)
                writer.Line("case " + CSharpLiteral.String(discriminator) + ":");
            writer.Line("    return " + Stj + "JsonSerializer.Deserialize<" + @case.Type.Name + ">(root, options);");
        }
        writer.Line("default:");
        writer.Line("    return new Unrecognized(root.Clone());");
        writer.Close();
        writer.Close().Line();
        writer.Open("public override void Write(" + Stj + "Utf8JsonWriter writer, " + name + " value, " + Stj + "JsonSerializerOptions options)");
        writer.Line("if (value is Unrecognized unrecognized)");
        writer.Line("    unrecognized.Json.WriteTo(writer);");
        writer.Line("else");
        writer.Line("    " + Stj + "JsonSerializer.Serialize(writer, value, value.GetType(), options);");
        writer.Close();
        writer.Close();
        writer.Close();
    }

    private static void EmitWrapper(SourceWriter writer, UnionSpec union)
    {
        var name = union.Name;
        writer.Open("public sealed partial record " + name);
        writer.Line("/// <summary>Wraps the JSON value as it is on the wire.</summary>");
        writer.Line("public " + name + "(" + Stj + "JsonElement json) => Json = json;").Line();
        writer.Line("/// <summary>The JSON value as it is on the wire.</summary>");
        writer.Line("public " + Stj + "JsonElement Json { get; }").Line();
        writer.Line("/// <summary>Serialises any case into the union.</summary>");
        writer.Line("public static " + name + " From<T>(T value, " + Stj + "JsonSerializerOptions? options = null) => new(" + Stj + "JsonSerializer.SerializeToElement(value, options));").Line();
        if (union.DiscriminatorProperty is not null)
        {
            writer.Line("/// <summary>The " + Literal(union.DiscriminatorProperty) + " property, which tells the cases apart.</summary>");
            writer.Line("public string? Discriminator => Json.ValueKind == " + Stj + "JsonValueKind.Object && Json.TryGetProperty(" +
                        CSharpLiteral.String(union.DiscriminatorProperty) + ", out var d) && d.ValueKind == " + Stj + "JsonValueKind.String ? d.GetString() : null;").Line();
        }
        var implicitTypes = new System.Collections.Generic.HashSet<string>();
        foreach (var @case in union.Cases)
        {
            EmitTryGet(writer, @case);
            var type = @case.Type.Name;
            if (!type.StartsWith("global::System.Collections.Generic.I", System.StringComparison.Ordinal) && type != "global::System.Text.Json.Nodes.JsonNode" && implicitTypes.Add(type))
                writer.Line("public static implicit operator " + name + "(" + type + " value) => From(value);").Line();
        }
        writer.Line("/// <summary>Reads and writes the raw JSON value.</summary>");
        writer.Open("public sealed class Converter : " + Stj + "Serialization.JsonConverter<" + name + ">");
        writer.Line("public override " + name + " Read(ref " + Stj + "Utf8JsonReader reader, global::System.Type typeToConvert, " + Stj + "JsonSerializerOptions options) => new(" + Stj + "JsonElement.ParseValue(ref reader));").Line();
        writer.Line("public override void Write(" + Stj + "Utf8JsonWriter writer, " + name + " value, " + Stj + "JsonSerializerOptions options) => value.Json.WriteTo(writer);");
        writer.Close();
        writer.Close();
    }

    private static void EmitTryGet(SourceWriter writer, UnionCaseSpec @case)
    {
        var type = @case.Type.Name;
        writer.Line("/// <summary>Reads the value as " + Literal(@case.Label) + " when its JSON shape allows it.</summary>");
        writer.Open("public bool TryGet" + @case.Label + "([global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + type + "? value, " + Stj + "JsonSerializerOptions? options = null)");
        writer.Line("value = default;");
        var kind = KindCheck(@case.Kind);
        if (kind is not null)
        {
            writer.Line("if (Json.ValueKind != " + Stj + "JsonValueKind." + kind + ")");
            writer.Line("    return false;");
        }
        writer.Open("try");
        if (@case.Type.IsValueType)
        {
            writer.Line("value = " + Stj + "JsonSerializer.Deserialize<" + type + ">(Json, options);");
            writer.Line("return true;");
        }
        else
        {
            writer.Line("value = " + Stj + "JsonSerializer.Deserialize<" + type + ">(Json, options);");
            writer.Line("return value is not null;");
        }
        writer.Close();
        writer.Open("catch (" + Stj + "JsonException)");
        writer.Line("return false;");
        writer.Close();
        writer.Close().Line();
    }

    private static string? KindCheck(JsonKind kind)
    {
        switch (kind)
        {
            case JsonKind.Object: return "Object";
            case JsonKind.Array: return "Array";
            case JsonKind.String: return "String";
            case JsonKind.Number: return "Number";
            default: return null;
        }
    }

    private static string Literal(string text) => CSharpLiteral.String(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
