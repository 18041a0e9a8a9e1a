namespace Sly.Interactive.Notebook;

/// <summary>Shows values in the notebook cell that is running: the host of the kit inside a notebook kernel.</summary>
public interface INotebookDisplay
{
    /// <summary>Shows <paramref name="value"/> as a new output of the running cell and returns a handle that replaces it.</summary>
    ILiveOutput Display(object value);
}
