namespace Sly.Server.Domain;

/// <summary>
/// A name is taken (Supervisely's NONUNIQUE): <see cref="Clashes"/> lists the names and the ids that hold them, so a
/// client can rename, skip or replace.
/// </summary>
public sealed class ConflictException(string message, IReadOnlyList<(string Name, long? Id)>? clashes = null) : DomainException(message)
{
    /// <summary>The taken names and the ids of what holds them.</summary>
    public IReadOnlyList<(string Name, long? Id)> Clashes { get; } = clashes ?? [];
}
