using System.Text.Json.Nodes;

namespace Sly.Notebooks.Parameters;

/// <summary>
/// papermill's parameterisation: a code cell tagged <c>injected-parameters</c> goes right after the first cell tagged
/// <c>parameters</c> (or at the top, with a warning, when there is none); an injected cell from an earlier run is
/// replaced where it stands.
/// </summary>
public static class ParameterInjector
{
    /// <summary>Injects the parameters into the notebook and records them in <c>metadata.papermill.parameters</c>.</summary>
    /// <param name="notebook">The notebook to change.</param>
    /// <param name="parameters">Name → value (see <see cref="CSharpParameterTranslator.Translate"/> for the types allowed).</param>
    public static ParameterInjection Inject(Notebook notebook, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(parameters);
        var source = CSharpParameterTranslator.Codify(parameters);

        var cell = NotebookCell.Code(source);
        cell.AddTag(NotebookCell.InjectedParametersTag);

        // papermill's order: replace an earlier injected cell where it stands, else go after the parameters cell, else on top
        var oldIndex = notebook.Cells.FindIndex(c => c.HasTag(NotebookCell.InjectedParametersTag));
        var parametersIndex = notebook.Cells.FindIndex(c => c.HasTag(NotebookCell.ParametersTag));
        string? warning = null;
        int index;
        if (oldIndex >= 0)
        {
            notebook.Cells.RemoveAt(oldIndex);
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
        notebook.Cells.Insert(index, cell);

        if (notebook.Metadata["papermill"] is not JsonObject papermill)
        {
            papermill = new JsonObject();
            notebook.Metadata["papermill"] = papermill;
        }
        var recorded = new JsonObject();
        foreach (var (name, value) in parameters)
            recorded[name] = ToJson(value);
        papermill["parameters"] = recorded;
        return new ParameterInjection(index, warning);
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        double number when double.IsFinite(number) => JsonValue.Create(number),
        float number when float.IsFinite(number) => JsonValue.Create(number),
        double or float => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
        long number => JsonValue.Create(number),
        int number => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        System.Collections.IDictionary map => new JsonObject(map.Keys.Cast<object>().Select(k => KeyValuePair.Create(k.ToString()!, ToJson(map[k])))),
        System.Collections.IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
