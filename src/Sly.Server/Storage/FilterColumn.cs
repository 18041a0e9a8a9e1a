namespace Sly.Server.Storage;

/// <summary>A wire field that simple filters may name, and the SQL column and kind behind it.</summary>
public sealed record FilterColumn(string Sql, FilterColumnKind Kind);

public enum FilterColumnKind
{
    Integer,
    Text,
    Timestamp,
    Boolean,
}
