using Microsoft.Data.Sqlite;
using Sly.Api;
using Sly.Server.Api;

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
               (SELECT COUNT(*) FROM images i WHERE i.project_id = p.id) AS images_count,
               (SELECT COUNT(*) FROM datasets d WHERE d.project_id = p.id) AS datasets_count,
               (SELECT COALESCE(SUM(b.size), 0) FROM images i JOIN blobs b ON b.hash = i.hash WHERE i.project_id = p.id) AS size
        FROM projects p JOIN workspaces w ON w.id = p.workspace_id
        """;

    public ProjectInfo? Get(long id)
    {
        using var connection = database.Open();
        return connection.Query(Select + " WHERE p.id = $id", Map, ("$id", id)).SingleOrDefault();
    }

    public ProjectInfo Require(long id) => Get(id) ?? throw ApiError.NotFound("Project", id);

    /// <summary>The project's type and embeddings state, or null when it does not exist; constant time.</summary>
    public ProjectState? FindState(long id)
    {
        using var connection = database.Open();
        return connection.Query("SELECT id, type, embeddings_enabled, embeddings_in_progress, embeddings_updated_at FROM projects WHERE id = $id",
            r => new ProjectState(r.GetInt64(0), r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3) != 0, Timestamps.Parse(r.IsDBNull(4) ? null : r.GetString(4))),
            ("$id", id)).SingleOrDefault();
    }

    /// <summary>The project's type and embeddings flags; 404 when it does not exist.</summary>
    public ProjectState RequireState(long id) => FindState(id) ?? throw ApiError.NotFound("Project", id);

    public (long Total, List<ProjectInfo> Items) List(string where, IEnumerable<(string, object?)> parameters, Paging paging, string orderBy)
    {
        using var connection = database.Open();
        var all = parameters.ToArray();
        var total = connection.Scalar<long>("SELECT COUNT(*) FROM projects p WHERE 1 = 1" + where, all);
        var items = connection.Query(Select + " WHERE 1 = 1" + where + " ORDER BY " + orderBy + " LIMIT $limit OFFSET $offset", Map,
            [.. all, ("$limit", paging.PerPage), ("$offset", paging.Offset)]);
        return (total, items);
    }

    public ProjectInfo Add(ProjectsAddRequest request, long userId)
    {
        using var connection = database.Open();
        if (connection.Scalar<long>("SELECT COUNT(*) FROM workspaces WHERE id = $id", ("$id", request.WorkspaceId)) == 0)
            throw ApiError.NotFound("Workspace", request.WorkspaceId);
        if (connection.Scalar<long>("SELECT COUNT(*) FROM projects WHERE workspace_id = $w AND name = $n", ("$w", request.WorkspaceId), ("$n", request.Name)) > 0)
            throw ApiError.BadRequest($"A project named '{request.Name}' already exists in workspace {request.WorkspaceId}",
                new System.Text.Json.Nodes.JsonObject { ["type"] = "NONUNIQUE" });
        var type = request.Type?.Value ?? "images";
        using var turn = database.EnterWrite();
        using var transaction = connection.BeginTransaction();
        var now = Timestamps.Now();
        var id = transaction.Insert("""
            INSERT INTO projects (workspace_id, name, description, readme, type, custom_data, settings, created_by, created_at, updated_at)
            VALUES ($w, $name, $description, $readme, $type, $custom, $settings, $user, $now, $now)
            """,
            ("$w", request.WorkspaceId), ("$name", request.Name), ("$description", request.Description ?? ""), ("$readme", request.Readme ?? ""),
            ("$type", type), ("$custom", JsonColumns.Write(request.CustomData)), ("$settings", JsonColumns.Write(request.Settings)),
            ("$user", userId), ("$now", now));
        transaction.Commit();
        return Get(id)!;
    }

    /// <summary>Applies the fields an editInfo request carries; silent keeps updatedAt.</summary>
    public void Edit(ProjectsEditInfoRequest request)
    {
        using var connection = database.Open();
        using var turn = database.EnterWrite();
        using var transaction = connection.BeginTransaction();
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
        transaction.Commit();
    }

    /// <summary>Turns AI search on or off. Off deletes the project's vectors and clears every embeddings timestamp.</summary>
    public void SetEmbeddingsEnabled(long id, bool enabled)
    {
        using var connection = database.Open();
        using var turn = database.EnterWrite();
        using var transaction = connection.BeginTransaction();
        transaction.Execute("UPDATE projects SET embeddings_enabled = $v WHERE id = $id", ("$v", enabled ? 1 : 0), ("$id", id));
        if (!enabled)
        {
            transaction.Execute("DELETE FROM vectors WHERE project_id = $id", ("$id", id));
            transaction.Execute("DELETE FROM embedding_errors WHERE project_id = $id", ("$id", id));
            transaction.Execute("UPDATE images SET embeddings_updated_at = NULL WHERE project_id = $id", ("$id", id));
            transaction.Execute("UPDATE projects SET embeddings_updated_at = NULL, embeddings_in_progress = 0 WHERE id = $id", ("$id", id));
        }
        transaction.Commit();
    }

    public void SetEmbeddingsInProgress(long id, bool inProgress, string? error)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE projects SET embeddings_in_progress = $v, embeddings_error = $e WHERE id = $id",
            ("$v", inProgress ? 1 : 0), ("$e", error), ("$id", id));
    }

    public IReadOnlyList<long> Ids(string where)
    {
        using var connection = database.Open();
        return connection.Query("SELECT p.id FROM projects p WHERE " + where, r => r.GetInt64(0));
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
