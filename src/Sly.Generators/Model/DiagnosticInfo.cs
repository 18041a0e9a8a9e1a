using Microsoft.CodeAnalysis;

namespace Sly.Generators.Model;

/// <summary>A diagnostic as equatable data: the descriptor id, its message arguments and where it points.</summary>
internal sealed record DiagnosticInfo(string Id, EquatableArray<string> Arguments, LocationInfo? Location)
{
    public Diagnostic ToDiagnostic()
    {
        var descriptor = Diagnostics.DiagnosticDescriptors.ById(Id);
        return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Arguments.ToArray<object>());
    }
}

internal static class EquatableArrayExtensions
{
    public static TOut[] ToArray<TOut>(this EquatableArray<string> items)
    {
        var result = new TOut[items.Count];
        for (var i = 0; i < items.Count; i++)
            result[i] = (TOut)(object)items[i];
        return result;
    }
}
