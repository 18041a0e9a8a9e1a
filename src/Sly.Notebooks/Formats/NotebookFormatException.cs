namespace Sly.Notebooks;

/// <summary>A notebook file that is not valid .ipynb (nbformat 4) or .dib; the message says where and what was expected.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
