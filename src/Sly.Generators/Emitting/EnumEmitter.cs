using System.Linq;
using Sly.Generators.Model;

namespace Sly.Generators.Emitting;

/// <summary>
/// Emits a string enum as a value type that round-trips any string: known values are static members,
/// an unknown value from the server is kept (IsKnown is false) instead of failing deserialization.
/// </summary>
internal static class EnumEmitter
{
    public static GeneratedFile Emit(ApiSpec spec, EnumSpec model)
    {
        var name = model.Name;
        var writer = FileHeader.Start(spec.Namespace);
        XmlDoc.Summary(writer, model.Description ?? "One of: " + string.Join(", ", model.Members.Select(m => m.Value)) + ".",
            model.Description is null ? null : "Known values: " + string.Join(", ", model.Members.Select(m => m.Value)) + ".");
        writer.Line(FileHeader.GeneratedCode);
        writer.Line("[global::System.Text.Json.Serialization.JsonConverter(typeof(" + name + ".Converter))]");
        // IFormattable: Refit writes a formattable query, path or header value as its text instead of expanding its properties.
        writer.Open("public readonly partial struct " + name + " : global::System.IEquatable<" + name + ">, global::System.IFormattable");
        writer.Line("private readonly string? _value;").Line();
        writer.Line("/// <summary>Wraps a wire value, known or not.</summary>");
        writer.Open("public " + name + "(string value)");
        writer.Line("_value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
        writer.Close().Line();
        foreach (var member in model.Members)
        {
            writer.Line("/// <summary>The wire value " + XmlEscape(member.Value) + ".</summary>");
            writer.Line("public static " + name + " " + member.Name + " { get; } = new(" + CSharpLiteral.String(member.Value) + ");").Line();
        }
        writer.Line("/// <summary>Every value the API document lists.</summary>");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<" + name + "> KnownValues { get; } = new " + name + "[] { " +
                    string.Join(", ", model.Members.Select(m => m.Name)) + " };").Line();
        writer.Line("/// <summary>The value as sent on the wire.</summary>");
        writer.Line("public string Value => _value ?? \"\";").Line();
        writer.Line("/// <summary>Whether the API document lists this value.</summary>");
        writer.Line("public bool IsKnown => global::System.Linq.Enumerable.Contains(KnownValues, this);").Line();
        writer.Line("public static implicit operator " + name + "(string value) => new(value);").Line();
        writer.Line("public static bool operator ==(" + name + " left, " + name + " right) => left.Equals(right);").Line();
        writer.Line("public static bool operator !=(" + name + " left, " + name + " right) => !left.Equals(right);").Line();
        writer.Line("public bool Equals(" + name + " other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);").Line();
        writer.Line("public override bool Equals(object? obj) => obj is " + name + " other && Equals(other);").Line();
        writer.Line("public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);").Line();
        writer.Line("public override string ToString() => Value;").Line();
        writer.Line("/// <summary>The wire value, whatever the format.</summary>");
        writer.Line("public string ToString(string? format, global::System.IFormatProvider? formatProvider) => Value;").Line();
        writer.Line("/// <summary>Reads and writes the value as a JSON string.</summary>");
        writer.Open("public sealed class Converter : global::System.Text.Json.Serialization.JsonConverter<" + name + ">");
        writer.Open("public override " + name + " Read(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Type typeToConvert, global::System.Text.Json.JsonSerializerOptions options)");
        writer.Line("if (reader.TokenType != global::System.Text.Json.JsonTokenType.String)");
        writer.Line("    throw new global::System.Text.Json.JsonException(\"Expected a string for " + name + ", got \" + reader.TokenType + \".\");");
        writer.Line("return new " + name + "(reader.GetString()!);");
        writer.Close().Line();
        writer.Line("public override void Write(global::System.Text.Json.Utf8JsonWriter writer, " + name + " value, global::System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.Value);");
        writer.Close();
        writer.Close();
        return new GeneratedFile(spec.ClientName + "." + name + ".g.cs", writer.ToString());
    }

    private static string XmlEscape(string text) => CSharpLiteral.String(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
