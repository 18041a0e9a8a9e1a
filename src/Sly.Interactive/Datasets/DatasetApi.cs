using Sly.Api;
using Sly.Interactive.Client;
using Sly.Interactive.Transport;

namespace Sly.Interactive.Datasets;

/// <summary><c>api.Dataset</c>: datasets of a project, named as in the Python SDK's DatasetApi.</summary>
public sealed class DatasetApi(ISupervisely api)
{
    /// <summary>Creates a dataset; with <paramref name="changeNameIfConflict"/> a taken name becomes name_001, name_002…</summary>
    public async Task<DatasetInfo> CreateAsync(long projectId, string name, string description = "", bool changeNameIfConflict = false,
        long? parentId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (changeNameIfConflict)
        {
            var siblings = await GetListAsync(projectId, parentId, cancellationToken);
            name = ListPages.FreeName(name, siblings.Select(d => d.Name).ToHashSet(StringComparer.Ordinal));
        }
        return await api.DatasetsAddAsync(new DatasetsAddRequest { ProjectId = projectId, Name = name, Description = description, ParentId = parentId }, cancellationToken);
    }

    /// <summary>The dataset, or null when it does not exist.</summary>
    public Task<DatasetInfo?> GetInfoByIdAsync(long id, CancellationToken cancellationToken = default) =>
        NotFound.AsNullAsync(() => api.DatasetsInfoAsync(new DatasetsInfoRequest { Id = id }, cancellationToken));

    /// <summary>Top-level datasets of a project, or the children of <paramref name="parentId"/>.</summary>
    public Task<List<DatasetInfo>> GetListAsync(long projectId, long? parentId = null, CancellationToken cancellationToken = default) =>
        ListPages.AllAsync(async (page, perPage) =>
        {
            var result = await api.DatasetsListAsync(new DatasetsListRequest
            {
                ProjectId = projectId,
                Filter = parentId is { } parent ? [new FilterCondition { Field = "parentId", Operator = "=", Value = parent }] : [],
                Recursive = parentId is not null,
                Page = page,
                PerPage = perPage,
            }, cancellationToken);
            return (result.Total, result.PerPage, result.PagesCount, result.Entities);
        }, "datasets");
}
