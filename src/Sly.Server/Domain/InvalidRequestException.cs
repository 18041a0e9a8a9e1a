namespace Sly.Server.Domain;

/// <summary>The request is not one the server can serve; the message names the field and what is allowed.</summary>
public sealed class InvalidRequestException(string message) : DomainException(message);
