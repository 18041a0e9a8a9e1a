using System.Text.Json.Nodes;

namespace Sly.Server.Storage;

/// <summary>JSON objects kept in TEXT columns (customData, settings, meta).</summary>
public static class JsonColumns
{
    public static JsonObject Read(string? text) =>
        string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();

    public static string Write(JsonObject? value) => (value ?? new JsonObject()).ToJsonString();
}
