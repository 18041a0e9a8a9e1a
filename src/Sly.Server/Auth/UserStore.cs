using Sly.Api;
using Sly.Server.Domain;
using Sly.Server.Storage;

namespace Sly.Server.Auth;

/// <summary>Users and their API tokens. The admin's token is made at first start and kept in the data folder.</summary>
public sealed class UserStore(SqliteDatabase database)
{
    public const string AdminTokenFile = "admin.token";

    /// <summary>Returns the admin token, creating the admin user (and its token file) on first start.</summary>
    public async Task<string> EnsureAdminAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        var tokenPath = Path.Combine(dataDirectory, AdminTokenFile);
        string token;
        if (File.Exists(tokenPath))
        {
            token = File.ReadAllText(tokenPath).Trim();
        }
        else
        {
            token = ApiKeyAuthenticator.NewToken();
            var temporary = tokenPath + ".tmp";
            File.WriteAllText(temporary, token);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temporary, tokenPath, overwrite: true);
        }
        await database.WriteAsync(transaction => transaction.Execute("""
            INSERT INTO users (login, name, role, token_sha256, created_at, updated_at)
            VALUES ('admin', 'Administrator', 'admin', $digest, $now, $now)
            ON CONFLICT(login) DO UPDATE SET token_sha256 = excluded.token_sha256
            """, ("$digest", ApiKeyAuthenticator.Digest(token)), ("$now", Timestamps.Now())), cancellationToken);
        return token;
    }

    /// <summary>Creates a user with a fresh token; returns the user and the token (shown once).</summary>
    public async Task<(UserInfo User, string Token)> AddAsync(string login, string role, string? name = null, string? email = null,
        CancellationToken cancellationToken = default)
    {
        var token = ApiKeyAuthenticator.NewToken();
        var id = await database.WriteAsync(transaction =>
        {
            if (transaction.Scalar<long>("SELECT COUNT(*) FROM users WHERE login = $login", ("$login", login)) > 0)
                throw new ConflictException($"A user with login '{login}' already exists", [(login, null)]);
            var now = Timestamps.Now();
            return transaction.Insert("""
                INSERT INTO users (login, name, email, role, token_sha256, created_at, updated_at)
                VALUES ($login, $name, $email, $role, $digest, $now, $now)
                """, ("$login", login), ("$name", name), ("$email", email), ("$role", role), ("$digest", ApiKeyAuthenticator.Digest(token)), ("$now", now));
        }, cancellationToken);
        return (Get(id)!, token);
    }

    /// <summary>The user whose token has this SHA-256, with the stored digest for a constant-time comparison; default when none.</summary>
    public (long Id, string Login, string Role, byte[]? Digest) FindByTokenDigest(byte[] digest)
    {
        using var connection = database.Open();
        return connection.Query("SELECT id, login, role, token_sha256 FROM users WHERE token_sha256 = $digest",
            r => (r.GetInt64(0), r.GetString(1), r.GetString(2), (byte[]?)r.GetValue(3)), ("$digest", digest)).SingleOrDefault();
    }

    public bool LoginExists(string login)
    {
        using var connection = database.Open();
        return connection.Scalar<long>("SELECT COUNT(*) FROM users WHERE login = $login", ("$login", login)) > 0;
    }

    public UserInfo? Get(long id)
    {
        using var connection = database.Open();
        return connection.Query("SELECT id, login, name, email, role, created_at, updated_at, last_login FROM users WHERE id = $id", r => new UserInfo
        {
            Id = r.GetInt64(0),
            Login = r.GetString(1),
            Name = r.IsDBNull(2) ? null : r.GetString(2),
            Email = r.IsDBNull(3) ? null : r.GetString(3),
            Role = r.GetString(4),
            RoleId = r.GetString(4) == "admin" ? 1 : 2,
            Logins = 0,
            Disabled = false,
            CreatedAt = Timestamps.Parse(r.GetString(5)),
            UpdatedAt = Timestamps.Parse(r.GetString(6)),
            LastLogin = Timestamps.Parse(r.IsDBNull(7) ? null : r.GetString(7)),
        }, ("$id", id)).SingleOrDefault();
    }
}
