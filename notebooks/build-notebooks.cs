#:project ../src/Sly.Notebooks/Sly.Notebooks.csproj
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// Regenerates notebooks/*.ipynb from notebooks/source/*.dib (the .dib files are the editable source):
//   dotnet run notebooks/build-notebooks.cs
// The first C# cell is tagged `parameters` (papermill / sly run -p inject after it).
using Sly.Notebooks;

var here = Path.GetDirectoryName(Path.GetFullPath(args.Length > 0 ? args[0] : "notebooks/build-notebooks.cs"))!;
foreach (var dib in Directory.GetFiles(Path.Combine(here, "source"), "*.dib").Order(StringComparer.Ordinal))
{
    var notebook = NotebookFile.Read(dib);
    var parameters = notebook.Cells.First(c => c.CellType == NotebookCellType.Code);
    parameters.AddTag(NotebookCell.ParametersTag);
    for (var i = 0; i < notebook.Cells.Count; i++)
        notebook.Cells[i].Id ??= $"{Path.GetFileNameWithoutExtension(dib)[..2]}-cell-{i:00}";
    var target = Path.Combine(here, Path.GetFileNameWithoutExtension(dib) + ".ipynb");
    NotebookFile.Write(notebook, target);
    Console.WriteLine($"{target}: {notebook.Cells.Count} cells");
}
