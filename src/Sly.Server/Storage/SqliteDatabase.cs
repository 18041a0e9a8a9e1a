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
    /// Runs <paramref name="work"/> as this process's next write transaction: it waits its turn without blocking a thread,
    /// then commits (or rolls back when <paramref name="work"/> throws). Every write of the server goes through here.
    /// SQLite allows one writer at a time and makes the others retry with sleeps of up to 100 ms, which under concurrent
    /// searches (each writes its result collection) turns into second-long tails; queueing writers here serves them in
    /// order without sleeping. Checks that must hold when the write happens (a name still free) belong inside
    /// <paramref name="work"/>.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            var result = work(transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <inheritdoc cref="WriteAsync{T}"/>
    public Task WriteAsync(Action<SqliteTransaction> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteAsync(transaction =>
        {
            work(transaction);
            return true;
        }, cancellationToken);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        return connection;
    }
}
