namespace Sly.Server.Domain;

/// <summary>
/// Why a request cannot be served, in the server's own terms: storage and services throw these; only the API layer turns
/// them into HTTP answers (status codes and the wire's {error, details}).
/// </summary>
public abstract class DomainException(string message) : Exception(message);
