using System.Text.Json;
using System.Text.Json.Nodes;
using Sly.Api;
using Sly.Api.Json;
using Sly.Server.Embeddings;
using Sly.Server.Storage;

namespace Sly.Server.Api.Handlers;

/// <summary>projects.*: info, list, add, editInfo (incl. enabling AI search), embeddings flags, meta and settings.</summary>
public sealed class ProjectsHandlers(ProjectStore projects, EmbeddingJobs embeddings, RequestContext caller)
{
    private static readonly SuccessResponse Done = new() { Success = true };

    public Task<ProjectInfo> ProjectsInfoAsync(ProjectsInfoRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(projects.Require(request.Id));

    public Task<ProjectInfoPage> ProjectsListAsync(ProjectsListRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Page(request.Filter, request.WorkspaceId, request.GroupId, request.Page, request.PerPage, request.Sort, request.SortOrder));

    public Task<ProjectInfoPage> ProjectsListAllAsync(ProjectsListAllRequest? request, CancellationToken cancellationToken) =>
        Task.FromResult(Page(request?.Filter, null, null, request?.Page, request?.PerPage, request?.Sort, request?.SortOrder));

    public async Task<ProjectInfo> ProjectsAddAsync(ProjectsAddRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
            throw ApiError.BadRequest("'name' must be a non-empty project name");
        if (request.Type is { } type && !type.IsKnown)
            throw ApiError.BadRequest($"'type' must be one of {string.Join(", ", ProjectType.KnownValues)}, got '{type}'");
        return await projects.AddAsync(request, caller.User.Id, cancellationToken);
    }

    public async Task<ProjectInfo> ProjectsEditInfoAsync(ProjectsEditInfoRequest request, CancellationToken cancellationToken)
    {
        var before = projects.RequireState(request.Id);
        await projects.EditAsync(request, cancellationToken);
        if (request.EmbeddingsEnabled is { } enabled && enabled != before.EmbeddingsEnabled)
        {
            if (enabled)
                await embeddings.EnableAsync(request.Id, cancellationToken);
            else
                await embeddings.DisableAsync(request.Id, cancellationToken);
        }
        return projects.Require(request.Id);
    }

    public async Task<SuccessResponse> ProjectsEmbeddingsInProgressUpdateAsync(ProjectsEmbeddingsInProgressUpdateRequest request, CancellationToken cancellationToken)
    {
        projects.RequireState(request.Id);
        await projects.SetEmbeddingsInProgressAsync(request.Id, request.EmbeddingsInProgress, request.ErrorMessage, cancellationToken);
        return Done;
    }

    public Task<ProjectMeta> ProjectsMetaAsync(ProjectsMetaRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(projects.Meta(request.Id).Deserialize<ProjectMeta>(SuperviselyJson.Options)!);

    public async Task<SuccessResponse> ProjectsMetaUpdateAsync(ProjectsMetaUpdateRequest request, CancellationToken cancellationToken)
    {
        await projects.ReplaceMetaAsync(request.Id, JsonObjectOf(request.Meta), cancellationToken);
        return Done;
    }

    public async Task<SuccessResponse> ProjectsSettingsUpdateAsync(ProjectsSettingsUpdateRequest request, CancellationToken cancellationToken)
    {
        await projects.MergeSettingsAsync(request.Id, JsonObjectOf(request.Settings), cancellationToken);
        return Done;
    }

    private ProjectInfoPage Page(IReadOnlyList<FilterCondition>? filter, long? workspaceId, long? teamId, int? page, int? perPage, string? sort, SortOrder? sortOrder)
    {
        var paging = Paging.From(page, perPage);
        var (total, items) = projects.List(filter, workspaceId, teamId, paging, sort, sortOrder?.Value);
        return new ProjectInfoPage { Total = total, PerPage = paging.PerPage, PagesCount = paging.PagesCount(total), Entities = items };
    }

    private static JsonObject JsonObjectOf<T>(T value) => JsonSerializer.SerializeToNode(value, SuperviselyJson.Options)!.AsObject();
}
