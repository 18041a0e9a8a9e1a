using System.Text.Json.Nodes;
using Sly.Server.Domain;

namespace Sly.Server.Api;

/// <summary>The one place where the server's domain exceptions become the wire's errors, with the reference's status codes.</summary>
public static class DomainErrors
{
    /// <summary>404 Not found, 400 Bad request, 400 NONUNIQUE (with the clashes, as images.bulk.add answers), or 403 Forbidden.</summary>
    public static ApiError ToApiError(DomainException exception) => exception switch
    {
        NotFoundException notFound => ApiError.NotFound(notFound.Message),
        ConflictException conflict => ApiError.BadRequest(conflict.Message, new JsonObject
        {
            ["type"] = "NONUNIQUE",
            ["errors"] = new JsonArray(conflict.Clashes.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["id"] = c.Id }).ToArray()),
        }),
        ForbiddenException forbidden => ApiError.Forbidden(forbidden.Message),
        _ => ApiError.BadRequest(exception.Message),
    };
}
