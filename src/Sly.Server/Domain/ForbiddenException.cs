namespace Sly.Server.Domain;

/// <summary>The caller may not do this.</summary>
public sealed class ForbiddenException(string message) : DomainException(message);
