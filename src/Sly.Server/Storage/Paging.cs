using Sly.Server.Domain;

namespace Sly.Server.Storage;

/// <summary>
/// Page arithmetic as a Supervisely instance does it: 1-based pages, the server's default page size when the first
/// request names none (the SDK then asks for pages 2..pagesCount with the perPage it got back).
/// </summary>
public readonly record struct Paging(int Page, int PerPage)
{
    public const int DefaultPerPage = 20000;
    public const int MaxPerPage = 20000;

    public int Offset => (Page - 1) * PerPage;

    public static Paging From(int? page, int? perPage)
    {
        if (page is < 1)
            throw new InvalidRequestException($"'page' must be 1 or more, got {page}");
        if (perPage is < 1 or > MaxPerPage)
            throw new InvalidRequestException($"'per_page' must be between 1 and {MaxPerPage}, got {perPage}");
        return new Paging(page ?? 1, perPage ?? DefaultPerPage);
    }

    public int PagesCount(long total) => (int)((total + PerPage - 1) / PerPage);
}
