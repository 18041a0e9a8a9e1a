using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Sly.Api;
using Sly.Server.Domain;

namespace Sly.Server.Storage;

/// <summary>Images: rows pointing at content-addressed blobs, listed with the wire's filters and pagination.</summary>
public sealed class ImageStore(SqliteDatabase database)
{
    public static readonly IReadOnlyDictionary<string, FilterColumn> FilterColumns = new Dictionary<string, FilterColumn>(StringComparer.Ordinal)
    {
        ["id"] = new("i.id", FilterColumnKind.Integer),
        ["name"] = new("i.name", FilterColumnKind.Text),
        ["title"] = new("i.name", FilterColumnKind.Text),
        ["datasetId"] = new("i.dataset_id", FilterColumnKind.Integer),
        ["hash"] = new("i.hash", FilterColumnKind.Text),
        ["createdAt"] = new("i.created_at", FilterColumnKind.Timestamp),
        ["updatedAt"] = new("i.updated_at", FilterColumnKind.Timestamp),
        ["embeddingsUpdatedAt"] = new("i.embeddings_updated_at", FilterColumnKind.Timestamp),
    };

    private static readonly Dictionary<string, string> SortColumns = new(StringComparer.Ordinal)
    {
        ["id"] = "i.id", ["name"] = "i.name", ["description"] = "i.description", ["labelsCount"] = "i.id",
        ["createdAt"] = "i.created_at", ["updatedAt"] = "i.updated_at", ["customSort"] = "i.id",
    };

    private const string Columns = """
        i.id, i.name, i.hash, i.meta, i.description, i.dataset_id, i.project_id, i.created_by, i.created_at, i.updated_at,
        i.embeddings_updated_at, b.mime, b.size, b.width, b.height, b.file
        """;

    public ImageInfo? Get(long id, string publicBase)
    {
        using var connection = database.Open();
        return connection.Query($"SELECT {Columns}, NULL AS score FROM images i JOIN blobs b ON b.hash = i.hash WHERE i.id = $id",
            r => Map(r, publicBase, withScore: false), ("$id", id)).SingleOrDefault();
    }

    public ImageInfo Require(long id, string publicBase) => Get(id, publicBase) ?? throw new NotFoundException("Image", id);

    /// <summary>images.list: scope, simple and advanced filters, sort, page or token pagination.</summary>
    public ImageInfoPage List(ImagesListRequest request, string publicBase)
    {
        var where = new StringBuilder();
        var parameters = new List<(string, object?)>();
        var join = "";
        var scoreColumn = "NULL AS score";
        if (request.DatasetId is { } datasetId)
        {
            if (request.Recursive == true)
                where.Append(" AND i.dataset_id IN (WITH RECURSIVE tree(id) AS (SELECT $dataset UNION ALL SELECT d.id FROM datasets d JOIN tree ON d.parent_id = tree.id) SELECT id FROM tree)");
            else
                where.Append(" AND i.dataset_id = $dataset");
            parameters.Add(("$dataset", datasetId));
        }
        if (request.ProjectId is { } projectId)
        {
            where.Append(" AND i.project_id = $project");
            parameters.Add(("$project", projectId));
        }
        if (request.ProjectId is null && request.DatasetId is null)
            throw new InvalidRequestException("'projectId' or 'datasetId' is required");

        var (filterSql, filterParameters) = SimpleFilterSql.Build(request.Filter, FilterColumns);
        where.Append(filterSql);
        parameters.AddRange(filterParameters);

        for (var i = 0; i < (request.Filters?.Count ?? 0); i++)
        {
            var name = "$c" + i.ToString(CultureInfo.InvariantCulture);
            switch (request.Filters![i])
            {
                case AiSearchCollectionFilter ai:
                {
                    var include = ai.Data.Include != false;
                    parameters.Add((name, ai.Data.CollectionId));
                    if (!include)
                    {
                        where.Append($" AND NOT EXISTS (SELECT 1 FROM collection_items x WHERE x.collection_id = {name} AND x.image_id = i.id)");
                        break;
                    }
                    join += $" JOIN collection_items ci{i} ON ci{i}.image_id = i.id AND ci{i}.collection_id = {name}";
                    scoreColumn = $"ci{i}.score AS score";
                    if (ai.Data.Threshold is { } threshold)
                    {
                        var direction = ai.Data.ThresholdDirection?.Value ?? "above";
                        if (direction is not ("above" or "below"))
                            throw new InvalidRequestException($"filters[{i}].data.thresholdDirection must be 'above' or 'below', got '{direction}'");
                        where.Append($" AND ci{i}.score {(direction == "above" ? ">=" : "<")} {name}t");
                        parameters.Add((name + "t", (double)threshold));
                    }
                    break;
                }
                case EntitiesCollectionFilter collection:
                    parameters.Add((name, collection.Data.CollectionId));
                    where.Append(collection.Data.Include == false ? " AND NOT" : " AND")
                        .Append($" EXISTS (SELECT 1 FROM collection_items x WHERE x.collection_id = {name} AND x.image_id = i.id)");
                    break;
                case ImagesFilenameFilter filename:
                    parameters.Add((name, "%" + filename.Data.Value.Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%"));
                    where.Append($" AND i.name LIKE {name} ESCAPE '\\'");
                    break;
                case ImagesListAdvancedFilter.Unrecognized unknown:
                    throw new InvalidRequestException($"filters[{i}].type '{unknown.Json.GetProperty("type")}' is not supported by this server; supported: entities_collection, entities_ai_search_collection, images_filename");
            }
        }

        var sortField = request.Sort?.Value ?? "id";
        if (!SortColumns.TryGetValue(sortField, out var sortColumn))
            throw new InvalidRequestException($"'sort' must be one of {string.Join(", ", SortColumns.Keys)}, got '{sortField}'");
        var descending = request.SortOrder?.Value switch
        {
            null or "asc" => false,
            "desc" => true,
            var other => throw new InvalidRequestException($"'sort_order' must be 'asc' or 'desc', got '{other}'"),
        };
        var order = $" ORDER BY {sortColumn} {(descending ? "DESC" : "ASC")}, i.id {(descending ? "DESC" : "ASC")}";

        using var connection = database.Open();
        var from = $" FROM images i JOIN blobs b ON b.hash = i.hash{join} WHERE 1 = 1{where}";
        var total = connection.Scalar<long>("SELECT COUNT(*)" + from, parameters.ToArray());
        var paging = Paging.From(request.Page, request.PerPage);

        if (request.PaginationMode == "token")
        {
            long.TryParse(request.After, NumberStyles.Integer, CultureInfo.InvariantCulture, out var after);
            var rows = connection.Query($"SELECT {Columns}, {scoreColumn}{from} AND i.id > $after ORDER BY i.id LIMIT $limit",
                r => Map(r, publicBase, withScore: scoreColumn != "NULL AS score"), [.. parameters, ("$after", after), ("$limit", paging.PerPage + 1)]);
            var more = rows.Count > paging.PerPage;
            var page = rows.Take(paging.PerPage).ToList();
            return new ImageInfoPage
            {
                Total = total, PerPage = paging.PerPage, Entities = page,
                After = more ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null,
            };
        }

        var items = connection.Query($"SELECT {Columns}, {scoreColumn}{from}{order} LIMIT $limit OFFSET $offset",
            r => Map(r, publicBase, withScore: scoreColumn != "NULL AS score"), [.. parameters, ("$limit", paging.PerPage), ("$offset", paging.Offset)]);
        return new ImageInfoPage { Total = total, PerPage = paging.PerPage, PagesCount = paging.PagesCount(total), Entities = items };
    }

    /// <summary>Which of these hashes are stored here (images.internal.hashes.list).</summary>
    public List<string> KnownHashes(IReadOnlyList<string> hashes)
    {
        using var connection = database.Open();
        var known = new List<string>();
        foreach (var chunk in hashes.Distinct().Chunk(500))
        {
            var names = chunk.Select((_, i) => "$h" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            known.AddRange(connection.Query($"SELECT hash FROM blobs WHERE hash IN ({string.Join(", ", names)})", r => r.GetString(0),
                chunk.Select((h, i) => (names[i], (object?)h)).ToArray()));
        }
        return known;
    }

    public Task RecordBlobAsync(string hash, string fileKey, long size, string mime, int width, int height, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction => transaction.Execute("INSERT OR IGNORE INTO blobs (hash, file, size, mime, width, height) VALUES ($h, $f, $s, $m, $w, $ht)",
            ("$h", hash), ("$f", fileKey), ("$s", size), ("$m", mime), ("$w", width), ("$ht", height)), cancellationToken);

    /// <summary>
    /// images.bulk.add: each item names a stored hash or an existing imageId (a server-side copy). All or nothing:
    /// a name already used in the dataset is a conflict listing the clashes (NONUNIQUE on the wire).
    /// </summary>
    public async Task<List<ImageInfo>> AddAsync(long datasetId, IReadOnlyList<ImagesBulkAddItem> items, long userId, string publicBase,
        CancellationToken cancellationToken = default)
    {
        var ids = await database.WriteAsync(transaction =>
        {
            var projectId = transaction.Scalar<long?>("SELECT project_id FROM datasets WHERE id = $id", ("$id", datasetId))
                ?? throw new NotFoundException("Dataset", datasetId);
            var clashes = new List<(string Name, long? Id)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                var title = items[i].Title;
                if (string.IsNullOrWhiteSpace(title))
                    throw new InvalidRequestException($"images[{i}].title must be a non-empty name");
                var existing = transaction.Scalar<long?>("SELECT id FROM images WHERE dataset_id = $d AND name = $n", ("$d", datasetId), ("$n", title));
                if (existing is not null || !seen.Add(title))
                    clashes.Add((title, existing));
            }
            if (clashes.Count > 0)
                throw new ConflictException("Some names are already used in the dataset", clashes);

            var now = Timestamps.Now();
            var added = new List<long>();
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var sources = (item.Hash is null ? 0 : 1) + (item.ImageId is null ? 0 : 1) + (item.Link is null ? 0 : 1);
                if (sources != 1)
                    throw new InvalidRequestException($"images[{i}] must have exactly one of 'hash', 'imageId' or 'link'");
                if (item.Link is not null)
                    throw new InvalidRequestException($"images[{i}].link: images by link are not supported by this server; upload the bytes and add them by hash");
                string hash;
                var meta = item.Meta;
                if (item.ImageId is { } sourceId)
                {
                    var source = transaction.Query("SELECT hash, meta FROM images WHERE id = $id", r => (Hash: r.GetString(0), Meta: r.GetString(1)), ("$id", sourceId)).SingleOrDefault();
                    if (source.Hash is null)
                        throw new NotFoundException($"images[{i}].imageId: image {sourceId} does not exist");
                    hash = source.Hash;
                    meta ??= JsonColumns.Read(source.Meta);
                }
                else
                {
                    hash = item.Hash!;
                    if (transaction.Query("SELECT 1 FROM blobs WHERE hash = $h", r => 1, ("$h", hash)).Count == 0)
                        throw new InvalidRequestException($"images[{i}].hash '{hash}' has not been uploaded; send the bytes with images.bulk.upload first");
                }
                added.Add(transaction.Insert("""
                    INSERT INTO images (dataset_id, project_id, name, hash, meta, created_by, created_at, updated_at)
                    VALUES ($d, $p, $n, $h, $m, $u, $now, $now)
                    """, ("$d", datasetId), ("$p", projectId), ("$n", item.Title), ("$h", hash), ("$m", JsonColumns.Write(meta)), ("$u", userId), ("$now", now)));
            }
            transaction.Execute("UPDATE datasets SET updated_at = $now WHERE id = $d", ("$now", now), ("$d", datasetId));
            return added;
        }, cancellationToken);
        return ids.Select(id => Get(id, publicBase)!).ToList();
    }

    /// <summary>Deletes images (their vectors and collection items go with them); returns (project, image) of each removed.</summary>
    public Task<List<(long ProjectId, long ImageId)>> RemoveAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction =>
        {
            var removed = new List<(long, long)>();
            foreach (var id in ids.Distinct())
            {
                var project = transaction.Query("SELECT project_id FROM images WHERE id = $id", r => r.GetInt64(0), ("$id", id)).FirstOrDefault();
                if (project == 0)
                    continue;
                transaction.Execute("DELETE FROM images WHERE id = $id", ("$id", id));
                removed.Add((project, id));
            }
            return removed;
        }, cancellationToken);

    /// <summary>Sets or clears embeddingsUpdatedAt per image; a null marks the image for re-embedding.</summary>
    public Task<int> SetEmbeddingsUpdatedAtAsync(IReadOnlyList<ImageEmbeddingsTimestamp> images, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction => images.Sum(image => transaction.Execute("UPDATE images SET embeddings_updated_at = $v WHERE id = $id",
            ("$v", image.EmbeddingsUpdatedAt is { } at ? Timestamps.Format(at) : null), ("$id", image.Id))), cancellationToken);

    /// <summary>The images of <paramref name="ids"/> that do not exist.</summary>
    public List<long> Missing(IEnumerable<long> ids)
    {
        using var connection = database.Open();
        return ids.Distinct().Where(id => connection.Scalar<long>("SELECT COUNT(*) FROM images WHERE id = $id", ("$id", id)) == 0).ToList();
    }

    /// <summary>The stored file of an image (for download and embedding).</summary>
    public (string FileKey, string Mime, string Name, long DatasetId)? FileOf(long imageId)
    {
        using var connection = database.Open();
        return connection.Query("SELECT b.file, b.mime, i.name, i.dataset_id FROM images i JOIN blobs b ON b.hash = i.hash WHERE i.id = $id",
            r => ((string FileKey, string Mime, string Name, long DatasetId)?)(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)), ("$id", imageId)).SingleOrDefault();
    }

    /// <summary>Name and dataset of every image of a project, for charts and projections.</summary>
    public Dictionary<long, (string Name, long DatasetId)> NamesOf(long projectId)
    {
        using var connection = database.Open();
        return connection.Query("SELECT id, name, dataset_id FROM images WHERE project_id = $p", r => (Id: r.GetInt64(0), Name: r.GetString(1), Dataset: r.GetInt64(2)), ("$p", projectId))
            .ToDictionary(x => x.Id, x => (x.Name, x.Dataset));
    }

    public long? ProjectOf(long imageId)
    {
        using var connection = database.Open();
        return connection.Scalar<long?>("SELECT project_id FROM images WHERE id = $id", ("$id", imageId));
    }

    public static ImageInfo Map(SqliteDataReader r, string publicBase, bool withScore)
    {
        var file = r.GetString(r.GetOrdinal("file"));
        var score = withScore ? r.NullableDouble("score") : null;
        var embeddingsAt = r.NullableString("embeddings_updated_at");
        return new ImageInfo
        {
            Id = r.GetInt64(0),
            Name = r.GetString(1),
            Hash = r.GetString(2),
            Meta = JsonColumns.Read(r.GetString(3)),
            Description = r.IsDBNull(4) ? null : r.GetString(4),
            DatasetId = r.GetInt64(5),
            ProjectId = r.GetInt64(6),
            CreatedBy = r.IsDBNull(7) ? null : r.GetInt64(7),
            CreatedAt = Timestamps.Parse(r.GetString(8)),
            UpdatedAt = Timestamps.Parse(r.GetString(9)),
            EmbeddingsUpdatedAt = Timestamps.Parse(embeddingsAt),
            Mime = r.GetString(11),
            Size = r.GetInt64(12),
            Width = r.IsDBNull(13) ? null : r.GetInt32(13),
            Height = r.IsDBNull(14) ? null : r.GetInt32(14),
            LabelsCount = 0,
            Tags = [],
            PathOriginal = "/blobs/" + file,
            FullStorageUrl = publicBase + "/blobs/" + file,
            AiSearchMeta = score is { } s ? new AiSearchMeta { Score = (float)s } : null,
        };
    }
}
