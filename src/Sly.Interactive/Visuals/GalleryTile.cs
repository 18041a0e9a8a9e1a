namespace Sly.Interactive.Visuals;

/// <summary>One image of a gallery: what the tile shows and its embedded thumbnail (a data: URI).</summary>
public sealed record GalleryTile(long ImageId, string Name, string Dataset, float? Score, string? ImageSource, string? Error);
