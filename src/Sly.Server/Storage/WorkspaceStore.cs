using Sly.Api;
using Sly.Server.Domain;

namespace Sly.Server.Storage;

/// <summary>Teams and their workspaces. Every user of this server is a member of every team, in the role of their account.</summary>
public sealed class WorkspaceStore(SqliteDatabase database)
{
    private static readonly IReadOnlyDictionary<string, FilterColumn> TeamColumns = new Dictionary<string, FilterColumn>(StringComparer.Ordinal)
    {
        ["id"] = new("t.id", FilterColumnKind.Integer),
        ["name"] = new("t.name", FilterColumnKind.Text),
    };

    private static readonly IReadOnlyDictionary<string, FilterColumn> WorkspaceColumns = new Dictionary<string, FilterColumn>(StringComparer.Ordinal)
    {
        ["id"] = new("w.id", FilterColumnKind.Integer),
        ["name"] = new("w.name", FilterColumnKind.Text),
    };

    /// <summary>One page of teams, each with the caller's role in it.</summary>
    public (long Total, List<TeamInfo> Items) Teams(string role, IReadOnlyList<FilterCondition>? filter, Paging paging)
    {
        var (where, parameters) = SimpleFilterSql.Build(filter, TeamColumns);
        using var connection = database.Open();
        var all = parameters.ToArray();
        var total = connection.Scalar<long>("SELECT COUNT(*) FROM teams t WHERE 1 = 1" + where, all);
        var items = connection.Query("SELECT t.id, t.name FROM teams t WHERE 1 = 1" + where + " ORDER BY t.id LIMIT $limit OFFSET $offset",
            r => new TeamInfo { Id = r.GetInt64(0), Name = r.GetString(1), Description = "", Role = role },
            [.. all, ("$limit", paging.PerPage), ("$offset", paging.Offset)]);
        return (total, items);
    }

    /// <summary>One page of a team's workspaces.</summary>
    public (long Total, List<WorkspaceInfo> Items) Workspaces(long teamId, IReadOnlyList<FilterCondition>? filter, Paging paging)
    {
        var (where, parameters) = SimpleFilterSql.Build(filter, WorkspaceColumns);
        using var connection = database.Open();
        if (connection.Scalar<long>("SELECT COUNT(*) FROM teams WHERE id = $t", ("$t", teamId)) == 0)
            throw new NotFoundException("Team", teamId);
        var all = parameters.Append(("$team", teamId)).ToArray();
        var total = connection.Scalar<long>("SELECT COUNT(*) FROM workspaces w WHERE w.team_id = $team" + where, all);
        var items = connection.Query("SELECT w.id, w.name, w.team_id FROM workspaces w WHERE w.team_id = $team" + where + " ORDER BY w.id LIMIT $limit OFFSET $offset",
            r => new WorkspaceInfo { Id = r.GetInt64(0), Name = r.GetString(1), TeamId = r.GetInt64(2), Description = "" },
            [.. all, ("$limit", paging.PerPage), ("$offset", paging.Offset)]);
        return (total, items);
    }
}
