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

    private readonly SemaphoreSlim _writer = new(1, 1);

    public string Path { get; }

    /// <summary>
    /// Waits for this process's other write transactions to finish; dispose the result after committing. SQLite
    /// allows one writer at a time and makes the others retry with sleeps of up to 100 ms, which under concurrent
    /// searches (each writes its result collection) turns into second-long tails; queueing writers here instead
    /// serves them in order without sleeping.
    /// </summary>
    public IDisposable EnterWrite()
    {
        _writer.Wait();
        return new WriteTurn(_writer);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    private sealed class WriteTurn(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                writer.Release();
        }
    }
}
