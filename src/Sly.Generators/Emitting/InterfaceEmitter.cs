using System.Linq;
using Sly.Generators.Model;

namespace Sly.Generators.Emitting;

/// <summary>Emits one Refit interface per tag.</summary>
internal static class InterfaceEmitter
{
    public static GeneratedFile Emit(ApiSpec spec, InterfaceSpec api)
    {
        var writer = FileHeader.Start(spec.Namespace);
        XmlDoc.Summary(writer, api.Description ?? "Operations tagged '" + api.Tag + "'.");
        writer.Line(FileHeader.GeneratedCode);
        if (api.IsExtension)
            writer.Line("[global::" + spec.Namespace + "." + spec.ClientName + "Extension]");
        writer.Open("public partial interface " + api.Name);
        var first = true;
        foreach (var operation in api.Operations)
        {
            if (!first)
                writer.Line();
            first = false;
            EmitOperation(writer, spec, operation);
        }
        writer.Close();
        return new GeneratedFile(spec.ClientName + "." + api.Name + ".g.cs", writer.ToString());
    }

    private static void EmitOperation(SourceWriter writer, ApiSpec spec, OperationSpec operation)
    {
        var wire = operation.HttpMethod + " " + OneLine(operation.Path) + " (operationId " + OneLine(operation.OperationId) + ")";
        var remarks = (operation.Deprecated ? "Deprecated by the API. " : "") + (operation.Description ?? "");
        XmlDoc.Summary(writer, operation.Summary ?? wire, remarks.Length == 0 ? wire : remarks + "\n\n" + wire);
        foreach (var parameter in operation.Parameters)
            XmlDoc.Param(writer, parameter.Name, parameter.Description, DefaultDescription(parameter));
        writer.Line("/// <param name=\"cancellationToken\">Cancels the request.</param>");
        if (operation.IsExtension)
            writer.Line("[global::" + spec.Namespace + "." + spec.ClientName + "Extension]");
        if (operation.IsMultipart)
            writer.Line("[global::Refit.Multipart]");
        writer.Line("[global::Refit." + Verb(operation.HttpMethod) + "(" + CSharpLiteral.String(operation.Path) + ")]");

        writer.Line(ReturnType(spec, operation) + " " + operation.MethodName + "(");
        foreach (var parameter in operation.Parameters)
        {
            var text = "    " + Parameter(parameter, operation.Path) + ",";
            if (HasNestedNullability(parameter.Type))
            {
                // Refit 16's stub generator rebuilds a multi-flag NullableAttribute with an int[] argument, which
                // does not compile; an oblivious parameter carries a single flag, which it rebuilds correctly.
                writer.Line("#nullable disable annotations").Line(text).Line("#nullable restore annotations");
            }
            else
            {
                writer.Line(text);
            }
        }
        writer.Line("    global::System.Threading.CancellationToken cancellationToken = default);");
    }

    private static string DefaultDescription(ParameterSpec parameter) => parameter.Kind switch
    {
        ParameterKind.Body or ParameterKind.FormBody => "The request body.",
        ParameterKind.MultipartPart => "The multipart part '" + parameter.WireName + "'.",
        ParameterKind.Header => "The " + parameter.WireName + " header.",
        ParameterKind.Path => "The {" + parameter.WireName + "} path segment.",
        _ => "The " + parameter.WireName + " query parameter.",
    };

    private static bool HasNestedNullability(TypeRef type) => type.Name.IndexOf('<') >= 0 || type.Name.IndexOf('[') >= 0;

    private static string OneLine(string text) => new System.Text.StringBuilder(text)
        .Replace("\r", " ").Replace("\n", " ").Replace("\u0085", " ").Replace("\u2028", " ").Replace("\u2029", " ")
        .ToString();

    private static string Verb(string method) => method.Substring(0, 1) + method.Substring(1).ToLowerInvariant();

    private static string ReturnType(ApiSpec spec, OperationSpec operation)
    {
        const string Task = "global::System.Threading.Tasks.Task";
        switch (operation.ResponseKind)
        {
            case ResponseKind.Binary:
                return Task + "<global::System.Net.Http.HttpResponseMessage>";
            case ResponseKind.Json:
            case ResponseKind.Text:
                return spec.ReturnApiResponse
                    ? Task + "<global::Refit.IApiResponse<" + operation.ResponseType!.Name + ">>"
                    : Task + "<" + operation.ResponseType!.Name + ">";
            default:
                return spec.ReturnApiResponse ? Task + "<global::Refit.IApiResponse>" : Task;
        }
    }

    private static string Parameter(ParameterSpec parameter, string path)
    {
        var attributes = "";
        var alias = parameter.Name.TrimStart('@') != parameter.WireName
            ? "[global::Refit.AliasAs(" + CSharpLiteral.String(parameter.WireName) + ")] "
            : "";
        switch (parameter.Kind)
        {
            case ParameterKind.Body:
                attributes = "[global::Refit.Body] ";
                alias = "";
                break;
            case ParameterKind.FormBody:
                attributes = "[global::Refit.Body(global::Refit.BodySerializationMethod.UrlEncoded)] ";
                alias = "";
                break;
            case ParameterKind.Header:
                attributes = "[global::Refit.Header(" + CSharpLiteral.String(parameter.WireName) + ")] ";
                alias = "";
                break;
            case ParameterKind.Query:
                attributes = parameter.Type.Name.StartsWith("global::System.Collections.Generic.IReadOnlyList<", System.StringComparison.Ordinal)
                    ? "[global::Refit.Query(global::Refit.CollectionFormat.Multi)] "
                    : "[global::Refit.Query] ";
                break;
            case ParameterKind.Path:
                // Refit matches {placeholders} to parameter names; an alias keeps the wire spelling.
                alias = path.Contains("{" + parameter.Name.TrimStart('@') + "}") ? "" : alias;
                break;
            case ParameterKind.MultipartPart:
                break;
        }
        // Oblivious parameters (see HasNestedNullability) carry no '?'.
        var type = parameter.Type.Annotated(!parameter.IsRequired && !HasNestedNullability(parameter.Type));
        var defaultValue = parameter.IsRequired ? "" : " = default";
        return attributes + alias + type + " " + parameter.Name + defaultValue;
    }
}
