namespace Sly.Search.Embeddings;

/// <summary>An image could not be read or decoded; the message says which and why.</summary>
public sealed class ImageDecodeException : Exception
{
    /// <summary>Creates the exception with a message naming the image and the reason.</summary>
    public ImageDecodeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public ImageDecodeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
