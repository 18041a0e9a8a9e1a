using System.Linq;
using Sly.Generators.Model;

namespace Sly.Generators.Emitting;

/// <summary>
/// Emits the document's operation table (for servers routing the same contract and for contract tests) and the
/// attribute that marks operations this product adds beyond the original API (x-sly-extension).
/// </summary>
internal static class OperationsEmitter
{
    public static GeneratedFile EmitTable(ApiSpec spec)
    {
        var writer = FileHeader.Start(spec.Namespace);
        XmlDoc.Summary(writer, "The operations of " + (spec.Title ?? spec.ClientName) + (spec.Version is null ? "" : " " + spec.Version) + " as data.");
        writer.Line(FileHeader.GeneratedCode);
        writer.Open("public static partial class " + spec.ClientName + "Operations");
        writer.Line("/// <summary>The path prefix of the document's first server, e.g. /public/api/v3; empty when it has none.</summary>");
        writer.Line("public const string ServerPath = " + CSharpLiteral.String(spec.ServerPath ?? "") + ";").Line();
        writer.Line("/// <summary>Every generated operation: operationId, HTTP method, path, interface, method name and whether it is an extension.</summary>");
        writer.Line("public static global::System.Collections.Generic.IReadOnlyList<(string OperationId, string HttpMethod, string Path, global::System.Type Interface, string MethodName, bool IsExtension)> All { get; } = new (string, string, string, global::System.Type, string, bool)[]");
        writer.Line("{");
        foreach (var api in spec.Interfaces)
        {
            foreach (var operation in api.Operations)
            {
                writer.Line("    (" + CSharpLiteral.String(operation.OperationId) + ", " + CSharpLiteral.String(operation.HttpMethod) + ", " +
                            CSharpLiteral.String(operation.Path) + ", typeof(global::" + spec.Namespace + "." + api.Name + "), " +
                            CSharpLiteral.String(operation.MethodName) + ", " + (operation.IsExtension || api.IsExtension ? "true" : "false") + "),");
            }
        }
        writer.Line("};");
        writer.Close();
        return new GeneratedFile(spec.ClientName + "Operations.g.cs", writer.ToString());
    }

    public static GeneratedFile EmitExtensionAttribute(ApiSpec spec)
    {
        var writer = FileHeader.Start(spec.Namespace);
        writer.Line("/// <summary>Marks an operation or interface this product adds beyond the original API (x-sly-extension).</summary>");
        writer.Line(FileHeader.GeneratedCode);
        writer.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Interface | global::System.AttributeTargets.Method)]");
        writer.Line("public sealed class " + spec.ClientName + "ExtensionAttribute : global::System.Attribute");
        writer.Line("{");
        writer.Line("}");
        return new GeneratedFile(spec.ClientName + "ExtensionAttribute.g.cs", writer.ToString());
    }
}
