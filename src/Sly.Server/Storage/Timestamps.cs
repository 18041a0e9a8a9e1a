using System.Globalization;
using Sly.Api.Json;

namespace Sly.Server.Storage;

/// <summary>Timestamps as stored and sent: UTC, millisecond precision, 'Z' (sortable as text).</summary>
public static class Timestamps
{
    public static string Now() => Format(DateTimeOffset.UtcNow);

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(UtcTimestampConverter.Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
