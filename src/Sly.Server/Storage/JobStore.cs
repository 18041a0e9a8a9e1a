using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Sly.Api;
using Sly.Api.Json;
using Sly.Server.Domain;

namespace Sly.Server.Storage;

/// <summary>Labeling jobs: one job per labeler, over a dataset or a list of its images.</summary>
public sealed class JobStore(SqliteDatabase database)
{
    public Task<List<JobsAddResult>> AddAsync(JobsAddRequest request, long creatorId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction =>
        {
            var scope = transaction.Query("""
                SELECT d.project_id, p.workspace_id, w.team_id FROM datasets d JOIN projects p ON p.id = d.project_id JOIN workspaces w ON w.id = p.workspace_id
                WHERE d.id = $d
                """, r => (Project: r.GetInt64(0), Workspace: r.GetInt64(1), Team: r.GetInt64(2)), ("$d", request.DatasetId)).SingleOrDefault();
            if (scope.Project == 0)
                throw new NotFoundException("Dataset", request.DatasetId);
            if (request.UserIds.Count == 0)
                throw new InvalidRequestException("'userIds' must name at least one labeler");
            foreach (var userId in request.UserIds)
            {
                if (transaction.Scalar<long>("SELECT COUNT(*) FROM users WHERE id = $u", ("$u", userId)) == 0)
                    throw new NotFoundException("User", userId);
            }
            if (request.ReviewerId is { } reviewer && transaction.Scalar<long>("SELECT COUNT(*) FROM users WHERE id = $u", ("$u", reviewer)) == 0)
                throw new NotFoundException("User", reviewer);
            var entityIds = request.Meta.EntityIds ?? [];
            foreach (var entityId in entityIds)
            {
                if (transaction.Scalar<long>("SELECT COUNT(*) FROM images WHERE id = $i AND dataset_id = $d", ("$i", entityId), ("$d", request.DatasetId)) == 0)
                    throw new InvalidRequestException($"meta.entityIds: image {entityId} is not in dataset {request.DatasetId}");
            }
            var meta = JsonSerializer.SerializeToNode(request.Meta, SuperviselyJson.Options)!.ToJsonString();
            var now = Timestamps.Now();
            var results = new List<JobsAddResult>();
            foreach (var userId in request.UserIds)
            {
                var id = transaction.Insert("""
                    INSERT INTO jobs (name, readme, description, team_id, workspace_id, project_id, dataset_id, created_by, user_id, reviewer_id, status, meta, entity_ids, created_at)
                    VALUES ($name, $readme, $description, $team, $workspace, $project, $dataset, $creator, $user, $reviewer, 'pending', $meta, $entities, $now)
                    """,
                    ("$name", request.Name), ("$readme", request.Readme), ("$description", request.Description), ("$team", scope.Team), ("$workspace", scope.Workspace),
                    ("$project", scope.Project), ("$dataset", request.DatasetId), ("$creator", creatorId), ("$user", userId), ("$reviewer", request.ReviewerId),
                    ("$meta", meta), ("$entities", JsonSerializer.Serialize(entityIds)), ("$now", now));
                results.Add(new JobsAddResult { Id = id });
            }
            return results;
        }, cancellationToken);

    public LabelingJobInfo? Get(long id)
    {
        using var connection = database.Open();
        return connection.Query("""
            SELECT j.id, j.name, j.readme, j.description, j.team_id, j.workspace_id, w.name, j.project_id, p.name, j.dataset_id, d.name,
                   j.created_by, c.login, j.user_id, u.login, j.reviewer_id, r.login, j.created_at, j.status, j.meta, j.entity_ids,
                   (SELECT COUNT(*) FROM images i WHERE i.dataset_id = j.dataset_id) AS dataset_images
            FROM jobs j JOIN workspaces w ON w.id = j.workspace_id JOIN projects p ON p.id = j.project_id JOIN datasets d ON d.id = j.dataset_id
                 LEFT JOIN users c ON c.id = j.created_by LEFT JOIN users u ON u.id = j.user_id LEFT JOIN users r ON r.id = j.reviewer_id
            WHERE j.id = $id
            """, Map, ("$id", id)).SingleOrDefault();
    }

    private static LabelingJobInfo Map(SqliteDataReader r)
    {
        var created = JsonNode.Parse(r.GetString(19))!.AsObject();
        var entityIds = JsonSerializer.Deserialize<long[]>(r.GetString(20))!;
        var names = (string key) => new JsonArray((created[key] as JsonArray ?? []).Select(n => (JsonNode?)new JsonObject { ["name"] = n?.ToString() }).ToArray());
        var meta = new JsonObject
        {
            ["classes"] = names("classes"),
            ["projectTags"] = names("projectTags"),
            ["imageTags"] = created["imageTags"]?.DeepClone() ?? new JsonArray(),
            // both bounds always: the SDK reads meta.range.start and .end unconditionally
            ["range"] = new JsonObject { ["start"] = created["range"]?["start"]?.DeepClone(), ["end"] = created["range"]?["end"]?.DeepClone() },
            ["imageFiguresLimit"] = created["imageFiguresLimit"]?.DeepClone() ?? 0,
            ["imageTagsLimit"] = created["imageTagsLimit"]?.DeepClone() ?? 0,
            ["guide"] = created["guide"]?.DeepClone(),
        };
        var imagesCount = entityIds.Length > 0 ? entityIds.Length : (int)r.GetInt64(21);
        return new LabelingJobInfo
        {
            Id = r.GetInt64(0),
            Name = r.GetString(1),
            Readme = r.IsDBNull(2) ? "" : r.GetString(2),
            Description = r.IsDBNull(3) ? "" : r.GetString(3),
            TeamId = r.GetInt64(4),
            WorkspaceId = r.GetInt64(5),
            WorkspaceTitle = r.GetString(6),
            ProjectId = r.GetInt64(7),
            ProjectTitle = r.GetString(8),
            DatasetId = r.GetInt64(9),
            DatasetTitle = r.GetString(10),
            CreatedBy = r.IsDBNull(11) ? null : r.GetInt64(11),
            ManagerLogin = r.IsDBNull(12) ? null : r.GetString(12),
            UserId = r.GetInt64(13),
            LabelerLogin = r.IsDBNull(14) ? null : r.GetString(14),
            ReviewerId = r.IsDBNull(15) ? null : r.GetInt64(15),
            ReviewerLogin = r.IsDBNull(16) ? null : r.GetString(16),
            CreatedAt = Timestamps.Parse(r.GetString(17)),
            Status = r.GetString(18),
            Disabled = false,
            ImagesCount = imagesCount,
            FinishedImagesCount = 0,
            RejectedImagesCount = 0,
            AcceptedImagesCount = 0,
            ProgressImagesCount = 0,
            Meta = meta.Deserialize<LabelingJobMeta>(SuperviselyJson.Options)!,
            Entities = entityIds.Select(id => new LabelingJobEntity { Id = id, ReviewStatus = "none" }).ToList(),
            Priority = 2,
        };
    }
}
