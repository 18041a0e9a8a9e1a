namespace Sly.Server.Domain;

/// <summary>Something the request names does not exist.</summary>
public sealed class NotFoundException : DomainException
{
    /// <summary>"<paramref name="what"/> <paramref name="id"/> does not exist".</summary>
    public NotFoundException(string what, long id)
        : base($"{what} {id} does not exist")
    {
    }

    /// <summary>A message of its own.</summary>
    public NotFoundException(string message)
        : base(message)
    {
    }
}
