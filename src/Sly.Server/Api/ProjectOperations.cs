using System.Text.Json.Nodes;
using Sly.Api;
using Sly.Server.Embeddings;
using Sly.Server.Storage;

namespace Sly.Server.Api;

/// <summary>projects.*: info, list, add, editInfo (incl. enabling AI search), embeddings flags, meta and settings.</summary>
public sealed class ProjectOperations(ProjectStore projects, EmbeddingJobs embeddings, SqliteDatabase database)
{
    public void Register(OperationRouter router)
    {
        router.Map("projects.info", Info);
        router.Map("projects.list", List);
        router.Map("projects.list.all", ListAll);
        router.Map("projects.add", Add);
        router.Map("projects.editInfo", EditInfo);
        router.Map("projects.embeddings-in-progress.update", SetInProgress);
        router.Map("projects.meta", Meta);
        router.Map("projects.meta.update", MetaUpdate);
        router.Map("projects.settings.update", SettingsUpdate);
    }

    private async Task<object?> Info(ApiContext context)
    {
        var request = await context.BodyAsync<ProjectsInfoRequest>();
        return projects.Require(request.Id);
    }

    private async Task<object?> List(ApiContext context)
    {
        var request = await context.BodyAsync<ProjectsListRequest>();
        var (where, parameters) = SimpleFilterSql.Build(request.Filter, ProjectStore.FilterColumns);
        if (request.WorkspaceId is { } workspace)
        {
            where += " AND p.workspace_id = $workspace";
            parameters.Add(("$workspace", workspace));
        }
        if (request.GroupId is { } team)
        {
            where += " AND p.workspace_id IN (SELECT id FROM workspaces WHERE team_id = $team)";
            parameters.Add(("$team", team));
        }
        return Page(where, parameters, request.Page, request.PerPage, request.Sort, request.SortOrder);
    }

    private async Task<object?> ListAll(ApiContext context)
    {
        var request = await context.BodyAsync<ProjectsListAllRequest>(optional: true);
        var (where, parameters) = SimpleFilterSql.Build(request.Filter, ProjectStore.FilterColumns);
        return Page(where, parameters, request.Page, request.PerPage, request.Sort, request.SortOrder);
    }

    private ProjectInfoPage Page(string where, List<(string, object?)> parameters, int? page, int? perPage, string? sort, SortOrder? sortOrder)
    {
        var column = sort switch
        {
            null or "id" => "p.id",
            "name" or "title" => "p.name",
            "createdAt" => "p.created_at",
            "updatedAt" => "p.updated_at",
            _ => throw ApiError.BadRequest($"'sort' must be one of id, name, createdAt, updatedAt, got '{sort}'"),
        };
        var direction = sortOrder?.Value switch
        {
            null or "asc" => "ASC",
            "desc" => "DESC",
            var other => throw ApiError.BadRequest($"'sort_order' must be 'asc' or 'desc', got '{other}'"),
        };
        var paging = Paging.From(page, perPage);
        var (total, items) = projects.List(where, parameters, paging, $"{column} {direction}, p.id {direction}");
        return new ProjectInfoPage { Total = total, PerPage = paging.PerPage, PagesCount = paging.PagesCount(total), Entities = items };
    }

    private async Task<object?> Add(ApiContext context)
    {
        var request = await context.BodyAsync<ProjectsAddRequest>();
        if (string.IsNullOrWhiteSpace(request.Name))
            throw ApiError.BadRequest("'name' must be a non-empty project name");
        if (request.Type is { } type && !type.IsKnown)
            throw ApiError.BadRequest($"'type' must be one of {string.Join(", ", ProjectType.KnownValues)}, got '{type}'");
        return projects.Add(request, context.User.Id);
    }

    private async Task<object?> EditInfo(ApiContext context)
    {
        var request = await context.BodyAsync<ProjectsEditInfoRequest>();
        var before = projects.RequireState(request.Id);
        projects.Edit(request);
        if (request.EmbeddingsEnabled is { } enabled && enabled != before.EmbeddingsEnabled)
        {
            if (enabled)
                embeddings.Enable(request.Id);
            else
                await embeddings.DisableAsync(request.Id);
        }
        return projects.Require(request.Id);
    }

    private async Task<object?> SetInProgress(ApiContext context)
    {
        var request = await context.BodyAsync<ProjectsEmbeddingsInProgressUpdateRequest>();
        projects.RequireState(request.Id);
        projects.SetEmbeddingsInProgress(request.Id, request.EmbeddingsInProgress, request.ErrorMessage);
        return new SuccessResponse { Success = true };
    }

    private async Task<object?> Meta(ApiContext context)
    {
        var request = await context.BodyAsync<ProjectsMetaRequest>();
        projects.RequireState(request.Id);
        using var connection = database.Open();
        var meta = JsonColumns.Read(connection.Scalar<string>("SELECT meta FROM projects WHERE id = $id", ("$id", request.Id)));
        meta["classes"] ??= new JsonArray();
        meta["tags"] ??= new JsonArray();
        meta["projectType"] ??= connection.Scalar<string>("SELECT type FROM projects WHERE id = $id", ("$id", request.Id));
        return meta;
    }

    private async Task<object?> MetaUpdate(ApiContext context)
    {
        var request = await context.BodyAsync<ProjectsMetaUpdateRequest>();
        projects.RequireState(request.Id);
        var meta = System.Text.Json.JsonSerializer.SerializeToNode(request.Meta, Sly.Api.Json.SuperviselyJson.Options)!.AsObject();
        using var connection = database.Open();
        connection.Execute("UPDATE projects SET meta = $m, updated_at = $now WHERE id = $id", ("$m", meta.ToJsonString()), ("$now", Timestamps.Now()), ("$id", request.Id));
        return new SuccessResponse { Success = true };
    }

    private async Task<object?> SettingsUpdate(ApiContext context)
    {
        var request = await context.BodyAsync<ProjectsSettingsUpdateRequest>();
        projects.RequireState(request.Id);
        var settings = System.Text.Json.JsonSerializer.SerializeToNode(request.Settings, Sly.Api.Json.SuperviselyJson.Options)!.AsObject();
        using var connection = database.Open();
        var current = JsonColumns.Read(connection.Scalar<string>("SELECT settings FROM projects WHERE id = $id", ("$id", request.Id)));
        foreach (var (key, value) in settings)
            current[key] = value?.DeepClone();
        connection.Execute("UPDATE projects SET settings = $s WHERE id = $id", ("$s", current.ToJsonString()), ("$id", request.Id));
        return new SuccessResponse { Success = true };
    }
}
