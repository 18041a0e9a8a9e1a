namespace Sly.Interactive.Client;

/// <summary>
/// Reads every page of a paginated list the way the SDK does: the first request names no page (the server's default
/// page size decides), then pages 2..pagesCount with the perPage the server answered; the count must equal total.
/// </summary>
internal static class ListPages
{
    public static async Task<List<T>> AllAsync<T>(
        Func<int?, int?, Task<(long Total, int PerPage, int? PagesCount, IReadOnlyList<T> Entities)>> fetch, string what)
    {
        var first = await fetch(null, null);
        var items = new List<T>(first.Entities);
        var pages = first.PagesCount ?? (int)((first.Total + first.PerPage - 1) / Math.Max(1, first.PerPage));
        for (var page = 2; page <= pages; page++)
            items.AddRange((await fetch(page, first.PerPage)).Entities);
        if (items.Count != first.Total)
            throw new InvalidOperationException($"Listing {what} returned {items.Count} items but the server reported {first.Total}; the list changed while it was read, try again.");
        return items;
    }

    /// <summary>The free name for <paramref name="name"/>: itself, else name_001, name_002… (the SDK's change_name_if_conflict).</summary>
    public static string FreeName(string name, ISet<string> taken)
    {
        if (!taken.Contains(name))
            return name;
        for (var i = 1; ; i++)
        {
            var candidate = $"{name}_{i:000}";
            if (!taken.Contains(candidate))
                return candidate;
        }
    }
}
