using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Sly.Api;
using Sly.Server.Domain;

namespace Sly.Server.Storage;

/// <summary>Projects: their rows, counts and the embeddings state flags.</summary>
public sealed class ProjectStore(SqliteDatabase database)
{
    public static readonly IReadOnlyDictionary<string, FilterColumn> FilterColumns = new Dictionary<string, FilterColumn>(StringComparer.Ordinal)
    {
        ["id"] = new("p.id", FilterColumnKind.Integer),
        ["name"] = new("p.name", FilterColumnKind.Text),
        ["title"] = new("p.name", FilterColumnKind.Text),
        ["description"] = new("p.description", FilterColumnKind.Text),
        ["workspaceId"] = new("p.workspace_id", FilterColumnKind.Integer),
        ["type"] = new("p.type", FilterColumnKind.Text),
        ["createdAt"] = new("p.created_at", FilterColumnKind.Timestamp),
        ["updatedAt"] = new("p.updated_at", FilterColumnKind.Timestamp),
        ["embeddingsEnabled"] = new("p.embeddings_enabled", FilterColumnKind.Boolean),
        ["embeddingsInProgress"] = new("p.embeddings_in_progress", FilterColumnKind.Boolean),
        ["embeddingsUpdatedAt"] = new("p.embeddings_updated_at", FilterColumnKind.Timestamp),
    };

    private const string Select = """
        SELECT p.id, p.name, p.description, p.readme, p.workspace_id, w.team_id, p.type, p.custom_data, p.settings,
               p.created_by, p.created_at, p.updated_at, p.embeddings_enabled, p.embeddings_in_progress, p.embeddings_updated_at,
               p.images_count, p.datasets_count, p.size
        FROM projects p JOIN workspaces w ON w.id = p.workspace_id
        """;

    public ProjectInfo? Get(long id)
    {
        using var connection = database.Open();
        return connection.Query(Select + " WHERE p.id = $id", Map, ("$id", id)).SingleOrDefault();
    }

    public ProjectInfo Require(long id) => Get(id) ?? throw new NotFoundException("Project", id);

    /// <summary>The project's type and embeddings state, or null when it does not exist; constant time.</summary>
    public ProjectState? FindState(long id)
    {
        using var connection = database.Open();
        return connection.Query("SELECT id, type, embeddings_enabled, embeddings_in_progress, embeddings_updated_at FROM projects WHERE id = $id",
            r => new ProjectState(r.GetInt64(0), r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3) != 0, Timestamps.Parse(r.IsDBNull(4) ? null : r.GetString(4))),
            ("$id", id)).SingleOrDefault();
    }

    /// <summary>The project's type and embeddings flags; 404 when it does not exist.</summary>
    public ProjectState RequireState(long id) => FindState(id) ?? throw new NotFoundException("Project", id);

    /// <summary>
    /// One page of projects matching the SDK's simple <paramref name="filter"/>, in a workspace or a team when given,
    /// sorted by <paramref name="sort"/> (id, name/title, createdAt, updatedAt) and <paramref name="sortOrder"/> (asc, desc).
    /// </summary>
    public (long Total, List<ProjectInfo> Items) List(IReadOnlyList<FilterCondition>? filter, long? workspaceId, long? teamId, Paging paging,
        string? sort, string? sortOrder)
    {
        var (where, parameters) = SimpleFilterSql.Build(filter, FilterColumns);
        if (workspaceId is { } workspace)
        {
            where += " AND p.workspace_id = $workspace";
            parameters.Add(("$workspace", workspace));
        }
        if (teamId is { } team)
        {
            where += " AND p.workspace_id IN (SELECT id FROM workspaces WHERE team_id = $team)";
            parameters.Add(("$team", team));
        }
        var column = sort switch
        {
            null or "id" => "p.id",
            "name" or "title" => "p.name",
            "createdAt" => "p.created_at",
            "updatedAt" => "p.updated_at",
            _ => throw new InvalidRequestException($"'sort' must be one of id, name, createdAt, updatedAt, got '{sort}'"),
        };
        var direction = sortOrder switch
        {
            null or "asc" => "ASC",
            "desc" => "DESC",
            _ => throw new InvalidRequestException($"'sort_order' must be 'asc' or 'desc', got '{sortOrder}'"),
        };
        using var connection = database.Open();
        var all = parameters.ToArray();
        var total = connection.Scalar<long>("SELECT COUNT(*) FROM projects p WHERE 1 = 1" + where, all);
        var items = connection.Query(Select + " WHERE 1 = 1" + where + $" ORDER BY {column} {direction}, p.id {direction} LIMIT $limit OFFSET $offset", Map,
            [.. all, ("$limit", paging.PerPage), ("$offset", paging.Offset)]);
        return (total, items);
    }

    public async Task<ProjectInfo> AddAsync(ProjectsAddRequest request, long userId, CancellationToken cancellationToken = default)
    {
        var id = await database.WriteAsync(transaction =>
        {
            if (transaction.Scalar<long>("SELECT COUNT(*) FROM workspaces WHERE id = $id", ("$id", request.WorkspaceId)) == 0)
                throw new NotFoundException("Workspace", request.WorkspaceId);
            if (transaction.Scalar<long>("SELECT COUNT(*) FROM projects WHERE workspace_id = $w AND name = $n", ("$w", request.WorkspaceId), ("$n", request.Name)) > 0)
                throw new ConflictException($"A project named '{request.Name}' already exists in workspace {request.WorkspaceId}", [(request.Name, null)]);
            var now = Timestamps.Now();
            return transaction.Insert("""
                INSERT INTO projects (workspace_id, name, description, readme, type, custom_data, settings, created_by, created_at, updated_at)
                VALUES ($w, $name, $description, $readme, $type, $custom, $settings, $user, $now, $now)
                """,
                ("$w", request.WorkspaceId), ("$name", request.Name), ("$description", request.Description ?? ""), ("$readme", request.Readme ?? ""),
                ("$type", request.Type?.Value ?? "images"), ("$custom", JsonColumns.Write(request.CustomData)), ("$settings", JsonColumns.Write(request.Settings)),
                ("$user", userId), ("$now", now));
        }, cancellationToken);
        return Get(id)!;
    }

    /// <summary>Applies the fields an editInfo request carries; silent keeps updatedAt.</summary>
    public Task EditAsync(ProjectsEditInfoRequest request, CancellationToken cancellationToken = default) => database.WriteAsync(transaction =>
    {
        if (request.Name is not null)
            transaction.Execute("UPDATE projects SET name = $v WHERE id = $id", ("$v", request.Name), ("$id", request.Id));
        if (request.Description is not null)
            transaction.Execute("UPDATE projects SET description = $v WHERE id = $id", ("$v", request.Description), ("$id", request.Id));
        if (request.CustomData is not null)
            transaction.Execute("UPDATE projects SET custom_data = $v WHERE id = $id", ("$v", JsonColumns.Write(request.CustomData)), ("$id", request.Id));
        if (request.EmbeddingsUpdatedAt is not null)
            transaction.Execute("UPDATE projects SET embeddings_updated_at = $v WHERE id = $id", ("$v", Timestamps.Format(request.EmbeddingsUpdatedAt.Value)), ("$id", request.Id));
        if (request.Silent != true)
            transaction.Execute("UPDATE projects SET updated_at = $v WHERE id = $id", ("$v", Timestamps.Now()), ("$id", request.Id));
    }, cancellationToken);

    /// <summary>Turns AI search on or off. Off deletes the project's vectors and clears every embeddings timestamp.</summary>
    public Task SetEmbeddingsEnabledAsync(long id, bool enabled, CancellationToken cancellationToken = default) => database.WriteAsync(transaction =>
    {
        transaction.Execute("UPDATE projects SET embeddings_enabled = $v WHERE id = $id", ("$v", enabled ? 1 : 0), ("$id", id));
        if (!enabled)
        {
            transaction.Execute("DELETE FROM vectors WHERE project_id = $id", ("$id", id));
            transaction.Execute("DELETE FROM embedding_errors WHERE project_id = $id", ("$id", id));
            transaction.Execute("UPDATE images SET embeddings_updated_at = NULL WHERE project_id = $id", ("$id", id));
            transaction.Execute("UPDATE projects SET embeddings_updated_at = NULL, embeddings_in_progress = 0 WHERE id = $id", ("$id", id));
        }
    }, cancellationToken);

    public Task SetEmbeddingsInProgressAsync(long id, bool inProgress, string? error, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction => transaction.Execute("UPDATE projects SET embeddings_in_progress = $v, embeddings_error = $e WHERE id = $id",
            ("$v", inProgress ? 1 : 0), ("$e", error), ("$id", id)), cancellationToken);

    /// <summary>The project's meta (classes, tags, projectType), as projects.meta answers it.</summary>
    public JsonObject Meta(long id)
    {
        using var connection = database.Open();
        var row = connection.Query("SELECT meta, type FROM projects WHERE id = $id", r => (Meta: r.GetString(0), Type: r.GetString(1)), ("$id", id))
            .SingleOrDefault();
        if (row.Meta is null)
            throw new NotFoundException("Project", id);
        var meta = JsonColumns.Read(row.Meta);
        meta["classes"] ??= new JsonArray();
        meta["tags"] ??= new JsonArray();
        meta["projectType"] ??= row.Type;
        return meta;
    }

    /// <summary>Replaces the project's meta.</summary>
    public Task ReplaceMetaAsync(long id, JsonObject meta, CancellationToken cancellationToken = default) => database.WriteAsync(transaction =>
    {
        if (transaction.Execute("UPDATE projects SET meta = $m, updated_at = $now WHERE id = $id", ("$m", meta.ToJsonString()), ("$now", Timestamps.Now()), ("$id", id)) == 0)
            throw new NotFoundException("Project", id);
    }, cancellationToken);

    /// <summary>Merges <paramref name="settings"/> into the project's settings (keys given replace, others stay).</summary>
    public Task MergeSettingsAsync(long id, JsonObject settings, CancellationToken cancellationToken = default) => database.WriteAsync(transaction =>
    {
        var current = transaction.Scalar<string>("SELECT settings FROM projects WHERE id = $id", ("$id", id)) ?? throw new NotFoundException("Project", id);
        var merged = JsonColumns.Read(current);
        foreach (var (key, value) in settings)
            merged[key] = value?.DeepClone();
        transaction.Execute("UPDATE projects SET settings = $s WHERE id = $id", ("$s", merged.ToJsonString()), ("$id", id));
    }, cancellationToken);

    /// <summary>Projects whose embedding job was running when the server last stopped.</summary>
    public IReadOnlyList<long> IdsWithEmbeddingsInProgress()
    {
        using var connection = database.Open();
        return connection.Query("SELECT id FROM projects WHERE embeddings_in_progress = 1", r => r.GetInt64(0));
    }

    /// <summary>Projects with AI search turned on.</summary>
    public IReadOnlyList<long> IdsWithEmbeddingsEnabled()
    {
        using var connection = database.Open();
        return connection.Query("SELECT id FROM projects WHERE embeddings_enabled = 1", r => r.GetInt64(0));
    }

    private static ProjectInfo Map(SqliteDataReader r)
    {
        var imagesCount = r.GetInt64(r.GetOrdinal("images_count"));
        return new ProjectInfo
        {
            Id = r.GetInt64(0),
            Name = r.GetString(1),
            Description = r.GetString(2),
            Readme = r.GetString(3),
            WorkspaceId = r.GetInt64(4),
            TeamId = r.GetInt64(5),
            Type = r.GetString(6),
            CustomData = JsonColumns.Read(r.GetString(7)),
            Settings = JsonColumns.Read(r.GetString(8)),
            CreatedBy = r.IsDBNull(9) ? null : r.GetInt64(9),
            CreatedAt = Timestamps.Parse(r.GetString(10)),
            UpdatedAt = Timestamps.Parse(r.GetString(11)),
            EmbeddingsEnabled = r.GetInt64(12) != 0,
            EmbeddingsInProgress = r.GetInt64(13) != 0,
            EmbeddingsUpdatedAt = Timestamps.Parse(r.NullableString("embeddings_updated_at")),
            ImagesCount = imagesCount,
            ItemsCount = imagesCount,
            DatasetsCount = r.GetInt64(r.GetOrdinal("datasets_count")),
            Size = r.GetInt64(r.GetOrdinal("size")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            BackupArchive = new System.Text.Json.Nodes.JsonObject(),
            ImportSettings = new System.Text.Json.Nodes.JsonObject(),
            LocalEntitiesCount = imagesCount,
            RemoteEntitiesCount = 0,
        };
    }
}
