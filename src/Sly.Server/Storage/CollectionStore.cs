using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Sly.Api;
using Sly.Server.Domain;

namespace Sly.Server.Storage;

/// <summary>Entities collections (default and aiSearch) and their items.</summary>
public sealed class CollectionStore(SqliteDatabase database)
{
    public static readonly IReadOnlyDictionary<string, FilterColumn> FilterColumns = new Dictionary<string, FilterColumn>(StringComparer.Ordinal)
    {
        ["id"] = new("c.id", FilterColumnKind.Integer),
        ["name"] = new("c.name", FilterColumnKind.Text),
        ["createdAt"] = new("c.created_at", FilterColumnKind.Timestamp),
        ["updatedAt"] = new("c.updated_at", FilterColumnKind.Timestamp),
    };

    private const string Select = "SELECT c.id, c.name, c.team_id, c.project_id, c.created_at, c.updated_at, c.description, c.type, c.ai_search_key FROM collections c";

    public EntitiesCollectionInfo? Get(long id)
    {
        using var connection = database.Open();
        return connection.Query(Select + " WHERE c.id = $id AND c.disabled = 0", Map, ("$id", id)).SingleOrDefault();
    }

    public EntitiesCollectionInfo Require(long id) => Get(id) ?? throw new NotFoundException("Entities collection", id);

    /// <summary>One page of a project's collections of <paramref name="type"/> (all when null or "all") matching the SDK's simple filter.</summary>
    public (long Total, List<EntitiesCollectionInfo> Items) List(long projectId, string? type, IReadOnlyList<FilterCondition>? filter, Paging paging)
    {
        var (where, parameters) = SimpleFilterSql.Build(filter, FilterColumns);
        using var connection = database.Open();
        var typeSql = type is null or "all" ? "" : " AND c.type = $type";
        var all = parameters.Append(("$project", projectId)).Append(("$type", type)).ToArray();
        var scope = " WHERE c.project_id = $project AND c.disabled = 0" + typeSql + where;
        var total = connection.Scalar<long>("SELECT COUNT(*) FROM collections c" + scope, all);
        var items = connection.Query(Select + scope + " ORDER BY c.id LIMIT $limit OFFSET $offset", Map, [.. all, ("$limit", paging.PerPage), ("$offset", paging.Offset)]);
        return (total, items);
    }

    public async Task<EntitiesCollectionInfo> AddAsync(long projectId, string name, string type, string? description, string? aiSearchKey, long userId,
        CancellationToken cancellationToken = default)
    {
        var id = await database.WriteAsync(transaction =>
        {
            if (transaction.Scalar<long>("SELECT COUNT(*) FROM projects WHERE id = $p", ("$p", projectId)) == 0)
                throw new NotFoundException("Project", projectId);
            return Insert(transaction, projectId, name, type, description, aiSearchKey, userId);
        }, cancellationToken);
        return Get(id)!;
    }

    public Task EditAsync(long id, string? name, string? description, CancellationToken cancellationToken = default) => database.WriteAsync(transaction =>
    {
        if (transaction.Scalar<long>("SELECT COUNT(*) FROM collections WHERE id = $id AND disabled = 0", ("$id", id)) == 0)
            throw new NotFoundException("Entities collection", id);
        var now = Timestamps.Now();
        if (name is not null)
            transaction.Execute("UPDATE collections SET name = $v, updated_at = $now WHERE id = $id", ("$v", name), ("$now", now), ("$id", id));
        if (description is not null)
            transaction.Execute("UPDATE collections SET description = $v, updated_at = $now WHERE id = $id", ("$v", description), ("$now", now), ("$id", id));
    }, cancellationToken);

    /// <summary>hardDelete removes the collection and its items; otherwise it is disabled and no longer listed.</summary>
    public Task RemoveAsync(long id, bool hardDelete, CancellationToken cancellationToken = default) => database.WriteAsync(transaction =>
    {
        var changed = hardDelete
            ? transaction.Execute("DELETE FROM collections WHERE id = $id", ("$id", id))
            : transaction.Execute("UPDATE collections SET disabled = 1, updated_at = $now WHERE id = $id AND disabled = 0", ("$now", Timestamps.Now()), ("$id", id));
        if (changed == 0)
            throw new NotFoundException("Entities collection", id);
    }, cancellationToken);

    /// <summary>Adds items; ids of images that are not in the collection's project come back as missing.</summary>
    public Task<EntitiesCollectionItemsResult> AddItemsAsync(long collectionId, IReadOnlyList<(long ImageId, float? Score)> items, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction =>
        {
            var projectId = transaction.Scalar<long?>("SELECT project_id FROM collections WHERE id = $id AND disabled = 0", ("$id", collectionId))
                ?? throw new NotFoundException("Entities collection", collectionId);
            return AddItems(transaction, collectionId, projectId, items);
        }, cancellationToken);

    public Task<EntitiesCollectionItemsResult> RemoveItemsAsync(long collectionId, IReadOnlyList<long> imageIds, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction =>
        {
            if (transaction.Scalar<long>("SELECT COUNT(*) FROM collections WHERE id = $id AND disabled = 0", ("$id", collectionId)) == 0)
                throw new NotFoundException("Entities collection", collectionId);
            var removed = new List<EntitiesCollectionItem>();
            var missing = new List<long>();
            foreach (var imageId in imageIds.Distinct())
            {
                var item = transaction.Query("SELECT id, image_id, created_at, score FROM collection_items WHERE collection_id = $c AND image_id = $i",
                    MapItem, ("$c", collectionId), ("$i", imageId)).SingleOrDefault();
                if (item is null)
                {
                    missing.Add(imageId);
                    continue;
                }
                transaction.Execute("DELETE FROM collection_items WHERE id = $id", ("$id", item.Id));
                removed.Add(item);
            }
            return new EntitiesCollectionItemsResult { Items = removed, Missing = missing };
        }, cancellationToken);

    /// <summary>
    /// Saves a user's AI-search result as the reference does: the collection found by the key is hard-deleted and a new
    /// one (a new id) is created with the items, all in one transaction.
    /// </summary>
    public Task<long> ReplaceAiSearchAsync(long projectId, string key, string name, IReadOnlyList<(long ImageId, float? Score)> items, long userId,
        CancellationToken cancellationToken = default) => database.WriteAsync(transaction =>
    {
        transaction.Execute("DELETE FROM collections WHERE project_id = $p AND ai_search_key = $k", ("$p", projectId), ("$k", key));
        var id = Insert(transaction, projectId, name, "aiSearch", null, key, userId);
        // one statement for all items (a search writes up to 10,000), in rank order; images deleted since the
        // index was read are left out, as AddItems would report them missing. CROSS JOIN keeps json_each as the outer
        // loop, so each item is one primary-key lookup rather than the planner scanning images.
        var rows = new JsonArray(items.Select(i => (JsonNode)new JsonArray(i.ImageId, i.Score is { } s ? (double)s : null)).ToArray());
        transaction.Execute("""
            INSERT INTO collection_items (collection_id, image_id, score, created_at)
            SELECT $c, i.id, json_extract(e.value, '$[1]'), $now
            FROM json_each($items) e CROSS JOIN images i ON i.id = json_extract(e.value, '$[0]') AND i.project_id = $p
            ORDER BY e.key
            """, ("$c", id), ("$items", rows.ToJsonString()), ("$now", Timestamps.Now()), ("$p", projectId));
        return id;
    }, cancellationToken);

    public List<long> ItemImageIds(long collectionId)
    {
        using var connection = database.Open();
        return connection.Query("SELECT image_id FROM collection_items WHERE collection_id = $c ORDER BY id", r => r.GetInt64(0), ("$c", collectionId));
    }

    private static EntitiesCollectionItemsResult AddItems(SqliteTransaction transaction, long collectionId, long projectId, IReadOnlyList<(long ImageId, float? Score)> items)
    {
        var added = new List<EntitiesCollectionItem>();
        var missing = new List<long>();
        var now = Timestamps.Now();
        foreach (var (imageId, score) in items)
        {
            if (transaction.Query("SELECT 1 FROM images WHERE id = $i AND project_id = $p", r => 1, ("$i", imageId), ("$p", projectId)).Count == 0)
            {
                missing.Add(imageId);
                continue;
            }
            transaction.Execute("""
                INSERT INTO collection_items (collection_id, image_id, score, created_at) VALUES ($c, $i, $s, $now)
                ON CONFLICT(collection_id, image_id) DO UPDATE SET score = excluded.score
                """, ("$c", collectionId), ("$i", imageId), ("$s", score is { } s ? (double)s : null), ("$now", now));
            added.Add(transaction.Query("SELECT id, image_id, created_at, score FROM collection_items WHERE collection_id = $c AND image_id = $i",
                MapItem, ("$c", collectionId), ("$i", imageId)).Single());
        }
        return new EntitiesCollectionItemsResult { Items = added, Missing = missing };
    }

    private static long Insert(SqliteTransaction transaction, long projectId, string name, string type, string? description, string? aiSearchKey, long userId)
    {
        var now = Timestamps.Now();
        return transaction.Insert("""
            INSERT INTO collections (project_id, team_id, name, description, type, ai_search_key, created_by, created_at, updated_at)
            VALUES ($p, (SELECT w.team_id FROM projects p JOIN workspaces w ON w.id = p.workspace_id WHERE p.id = $p), $n, $d, $t, $k, $u, $now, $now)
            """, ("$p", projectId), ("$n", name), ("$d", description), ("$t", type), ("$k", aiSearchKey), ("$u", userId), ("$now", now));
    }

    private static EntitiesCollectionItem MapItem(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        ImageId = r.GetInt64(1),
        EntityId = r.GetInt64(1),
        CreatedAt = Timestamps.Parse(r.GetString(2)),
        Meta = r.IsDBNull(3) ? null : new EntitiesCollectionItemMeta { Score = (float)r.GetDouble(3) },
    };

    private static EntitiesCollectionInfo Map(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Name = r.GetString(1),
        TeamId = r.GetInt64(2),
        ProjectId = r.GetInt64(3),
        CreatedAt = Timestamps.Parse(r.GetString(4)),
        UpdatedAt = Timestamps.Parse(r.GetString(5)),
        Description = r.IsDBNull(6) ? null : r.GetString(6),
        Type = r.GetString(7),
        Options = new JsonObject(),
        Meta = new EntitiesCollectionMeta { AiSearchKey = r.IsDBNull(8) ? null : r.GetString(8) },
    };
}
