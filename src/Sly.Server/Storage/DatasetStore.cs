using Microsoft.Data.Sqlite;
using Sly.Api;
using Sly.Server.Domain;

namespace Sly.Server.Storage;

/// <summary>Datasets of a project (nested through parentId).</summary>
public sealed class DatasetStore(SqliteDatabase database)
{
    public static readonly IReadOnlyDictionary<string, FilterColumn> FilterColumns = new Dictionary<string, FilterColumn>(StringComparer.Ordinal)
    {
        ["id"] = new("d.id", FilterColumnKind.Integer),
        ["name"] = new("d.name", FilterColumnKind.Text),
        ["title"] = new("d.name", FilterColumnKind.Text),
        ["description"] = new("d.description", FilterColumnKind.Text),
        ["parentId"] = new("d.parent_id", FilterColumnKind.Integer),
        ["createdAt"] = new("d.created_at", FilterColumnKind.Timestamp),
        ["updatedAt"] = new("d.updated_at", FilterColumnKind.Timestamp),
    };

    private const string Select = """
        SELECT d.id, d.name, d.description, d.project_id, d.parent_id, d.custom_data, d.created_by, d.created_at, d.updated_at,
               p.workspace_id, w.team_id, d.images_count, d.size
        FROM datasets d JOIN projects p ON p.id = d.project_id JOIN workspaces w ON w.id = p.workspace_id
        """;

    public DatasetInfo? Get(long id)
    {
        using var connection = database.Open();
        return connection.Query(Select + " WHERE d.id = $id", Map, ("$id", id)).SingleOrDefault();
    }

    public DatasetInfo Require(long id) => Get(id) ?? throw new NotFoundException("Dataset", id);

    /// <summary>One page of a project's datasets matching the SDK's simple <paramref name="filter"/>; top level only unless <paramref name="recursive"/>.</summary>
    public (long Total, List<DatasetInfo> Items) List(long projectId, IReadOnlyList<FilterCondition>? filter, bool recursive, Paging paging)
    {
        var (where, parameters) = SimpleFilterSql.Build(filter, FilterColumns);
        // without recursive, the top level, unless the filter names the parent itself
        if (!recursive && filter?.Any(f => f.Field == "parentId") != true)
            where += " AND d.parent_id IS NULL";
        using var connection = database.Open();
        var all = parameters.Append(("$project", projectId)).ToArray();
        var total = connection.Scalar<long>("SELECT COUNT(*) FROM datasets d WHERE d.project_id = $project" + where, all);
        var items = connection.Query(Select + " WHERE d.project_id = $project" + where + " ORDER BY d.id LIMIT $limit OFFSET $offset", Map,
            [.. all, ("$limit", paging.PerPage), ("$offset", paging.Offset)]);
        return (total, items);
    }

    public async Task<DatasetInfo> AddAsync(DatasetsAddRequest request, long userId, CancellationToken cancellationToken = default)
    {
        var id = await database.WriteAsync(transaction =>
        {
            if (transaction.Scalar<long>("SELECT COUNT(*) FROM projects WHERE id = $p", ("$p", request.ProjectId)) == 0)
                throw new NotFoundException("Project", request.ProjectId);
            if (request.ParentId is { } parent && transaction.Scalar<long>("SELECT COUNT(*) FROM datasets WHERE id = $id AND project_id = $p", ("$id", parent), ("$p", request.ProjectId)) == 0)
                throw new NotFoundException($"Parent dataset {parent} does not exist in project {request.ProjectId}");
            if (transaction.Scalar<long>("SELECT COUNT(*) FROM datasets WHERE project_id = $p AND COALESCE(parent_id, 0) = $parent AND name = $n",
                    ("$p", request.ProjectId), ("$parent", request.ParentId ?? 0), ("$n", request.Name)) > 0)
                throw new ConflictException($"A dataset named '{request.Name}' already exists here", [(request.Name, null)]);
            return transaction.Insert("""
                INSERT INTO datasets (project_id, parent_id, name, description, custom_data, created_by, created_at, updated_at)
                VALUES ($p, $parent, $name, $description, $custom, $user, $now, $now)
                """,
                ("$p", request.ProjectId), ("$parent", request.ParentId), ("$name", request.Name), ("$description", request.Description ?? ""),
                ("$custom", JsonColumns.Write(request.CustomData)), ("$user", userId), ("$now", Timestamps.Now()));
        }, cancellationToken);
        return Get(id)!;
    }

    /// <summary>Per dataset of a project: images, embedded images and (when a collection is given) the collection's images in it.</summary>
    public List<DatasetCounts> Counts(long projectId, long? collectionId)
    {
        using var connection = database.Open();
        return connection.Query("""
            SELECT d.id, d.name, d.images_count,
                   (SELECT COUNT(*) FROM vectors v WHERE v.dataset_id = d.id),
                   (SELECT COUNT(*) FROM collection_items ci JOIN images i ON i.id = ci.image_id WHERE ci.collection_id = $c AND i.dataset_id = d.id)
            FROM datasets d WHERE d.project_id = $p ORDER BY d.id
            """, r => new DatasetCounts
        {
            DatasetId = r.GetInt64(0), DatasetName = r.GetString(1), ImagesCount = r.GetInt64(2), EmbeddedCount = r.GetInt64(3),
            HitsCount = collectionId is null ? null : r.GetInt64(4),
        }, ("$p", projectId), ("$c", collectionId ?? 0));
    }

    public string? NameOf(long id)
    {
        using var connection = database.Open();
        return connection.Scalar<string>("SELECT name FROM datasets WHERE id = $id", ("$id", id));
    }

    private static DatasetInfo Map(SqliteDataReader r)
    {
        var imagesCount = r.GetInt64(r.GetOrdinal("images_count"));
        return new DatasetInfo
        {
            Id = r.GetInt64(0),
            Name = r.GetString(1),
            Description = r.GetString(2),
            ProjectId = r.GetInt64(3),
            ParentId = r.IsDBNull(4) ? null : r.GetInt64(4),
            CustomData = JsonColumns.Read(r.GetString(5)),
            CreatedBy = r.IsDBNull(6) ? null : r.GetInt64(6),
            CreatedAt = Timestamps.Parse(r.GetString(7)),
            UpdatedAt = Timestamps.Parse(r.GetString(8)),
            WorkspaceId = r.GetInt64(9),
            TeamId = r.GetInt64(10),
            ImagesCount = imagesCount,
            ItemsCount = imagesCount,
            Size = r.GetInt64(r.GetOrdinal("size")).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
