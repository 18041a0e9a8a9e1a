using Sly.Generators.Model;

namespace Sly.Generators.Emitting;

/// <summary>Emits an object schema as a record with init-only, JSON-named properties.</summary>
internal static class ObjectEmitter
{
    private const string Json = "global::System.Text.Json.Serialization.";

    public static GeneratedFile Emit(ApiSpec spec, ObjectSpec model)
    {
        var writer = FileHeader.Start(spec.Namespace);
        XmlDoc.Summary(writer, model.Description);
        writer.Line(FileHeader.GeneratedCode);
        var declaration = model.BaseType is null
            ? "public sealed partial record " + model.Name
            : "public sealed partial record " + model.Name + " : global::" + spec.Namespace + "." + model.BaseType;
        writer.Open(declaration);
        var first = true;
        foreach (var property in model.Properties)
        {
            if (!first)
                writer.Line();
            first = false;
            EmitProperty(writer, property);
        }
        writer.Close();
        return new GeneratedFile(spec.ClientName + "." + model.Name + ".g.cs", writer.ToString());
    }

    private static void EmitProperty(SourceWriter writer, PropertySpec property)
    {
        XmlDoc.Summary(writer, property.Description, property.Deprecated ? "Deprecated by the API." : null);
        if (property.IsExtensionData)
        {
            writer.Line("[" + Json + "JsonExtensionData]");
            writer.Line("public " + property.Type.Name + "? " + property.Name + " { get; init; }");
            return;
        }
        writer.Line("[" + Json + "JsonPropertyName(" + CSharpLiteral.String(property.JsonName) + ")]");
        if (property.FixedValue is not null)
        {
            var value = property.Type.Name == "string"
                ? CSharpLiteral.String(property.FixedValue)
                : "new " + property.Type.Name + "(" + CSharpLiteral.String(property.FixedValue) + ")";
            writer.Line("public " + property.Type.Name + " " + property.Name + " { get; init; } = " + value + ";");
            return;
        }
        if (!property.IsRequired)
            writer.Line("[" + Json + "JsonIgnore(Condition = " + Json + "JsonIgnoreCondition.WhenWritingNull)]");
        var required = property.IsRequired ? "required " : "";
        writer.Line("public " + required + property.Type.Annotated(property.IsNullable) + " " + property.Name + " { get; init; }");
    }
}
