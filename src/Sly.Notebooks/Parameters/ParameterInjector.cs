using Microsoft.DotNet.Interactive.Documents;
using Sly.Notebooks.Documents;

namespace Sly.Notebooks.Parameters;

/// <summary>
/// papermill's parameterisation: the cell tagged <c>parameters</c> keeps its defaults, and a code cell tagged
/// <c>injected-parameters</c>, whose first line says it was injected, goes right after it (or at the top, with a warning,
/// when there is none); an injected cell from an earlier run is replaced where it stands.
/// </summary>
public static class ParameterInjector
{
    /// <summary>The first line of an injected cell.</summary>
    public const string InjectedComment = "Injected parameters";

    /// <summary>Injects the parameters into the notebook and records them in <c>metadata.papermill.parameters</c>.</summary>
    /// <param name="document">The notebook to change.</param>
    /// <param name="parameters">Name → value (see <see cref="CSharpParameterTranslator.Translate"/> for the types allowed).</param>
    public static ParameterInjection Inject(InteractiveDocument document, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(parameters);
        var cell = new InteractiveDocumentElement(CSharpParameterTranslator.Codify(parameters, InjectedComment), "csharp")
        {
            Metadata = new Dictionary<string, object>(),
        };
        NotebookTags.Add(cell, NotebookTags.InjectedParameters);

        var cells = document.Elements;
        var oldIndex = IndexOf(cells, NotebookTags.InjectedParameters);
        var parametersIndex = IndexOf(cells, NotebookTags.Parameters);
        string? warning = null;
        int index;
        if (oldIndex >= 0)
        {
            cells.RemoveAt(oldIndex);
            index = oldIndex;
        }
        else if (parametersIndex >= 0)
        {
            index = parametersIndex + 1;
        }
        else
        {
            index = 0;
            warning = "The notebook has no cell tagged 'parameters'; the parameters were injected at the top.";
        }
        cells.Insert(index, cell);
        PapermillMetadata.Of(document)["parameters"] = parameters.ToDictionary(p => p.Key, p => PapermillMetadata.Value(p.Value));
        return new ParameterInjection(index, warning);
    }

    private static int IndexOf(IList<InteractiveDocumentElement> cells, string tag)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (NotebookTags.Has(cells[i], tag))
                return i;
        }
        return -1;
    }
}
