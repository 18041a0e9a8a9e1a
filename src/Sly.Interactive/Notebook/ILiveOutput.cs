namespace Sly.Interactive.Notebook;

/// <summary>A notebook output that can be replaced while its cell runs (a progress line, a running count).</summary>
public interface ILiveOutput
{
    /// <summary>Replaces the output's value; the notebook shows it formatted as before (HTML and plain text).</summary>
    void Update(object value);
}
