using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sly.Api.Json;

/// <summary>
/// JSON settings of the Supervisely wire format, shared by the client and the embedded server: property names come
/// from the generated records, numbers and booleans are strict, and timestamps are written in UTC with fractional
/// seconds and 'Z' (2025-06-01T10:30:45.123Z), which is what the Python SDK and the embeddings services parse.
/// </summary>
public static class SuperviselyJson
{
    /// <summary>The shared, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>A fresh copy of the options, for callers that need to add converters.</summary>
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            NumberHandling = JsonNumberHandling.Strict,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new UtcTimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
