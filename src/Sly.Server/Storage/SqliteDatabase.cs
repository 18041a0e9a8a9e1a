using Microsoft.Data.Sqlite;

namespace Sly.Server.Storage;

/// <summary>
/// The server's SQLite file (WAL journal, foreign keys on). Every write that matters is one transaction, so a killed
/// process loses at most the batch it was writing, never a committed vector or row.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        SqliteSchema.Apply(connection);
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        return connection;
    }
}
