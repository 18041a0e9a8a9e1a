using Microsoft.Data.Sqlite;

namespace Sly.Server.Storage;

/// <summary>Creates and upgrades the schema; the version lives in PRAGMA user_version.</summary>
internal static class SqliteSchema
{
    private const int CurrentVersion = 1;

    public static void Apply(SqliteConnection connection)
    {
        var version = connection.Scalar<long>("PRAGMA user_version");
        if (version >= CurrentVersion)
            return;
        connection.Execute("PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction();
        transaction.Execute("""
            CREATE TABLE IF NOT EXISTS users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                login TEXT NOT NULL UNIQUE,
                name TEXT, email TEXT,
                role TEXT NOT NULL,
                token_sha256 BLOB NOT NULL UNIQUE,
                created_at TEXT NOT NULL, updated_at TEXT NOT NULL, last_login TEXT);
            CREATE TABLE IF NOT EXISTS teams (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS workspaces (id INTEGER PRIMARY KEY AUTOINCREMENT, team_id INTEGER NOT NULL REFERENCES teams(id), name TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS projects (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
                name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', readme TEXT NOT NULL DEFAULT '',
                type TEXT NOT NULL DEFAULT 'images',
                custom_data TEXT NOT NULL DEFAULT '{}', settings TEXT NOT NULL DEFAULT '{}', meta TEXT NOT NULL DEFAULT '{"classes":[],"tags":[]}',
                created_by INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                embeddings_enabled INTEGER NOT NULL DEFAULT 0,
                embeddings_in_progress INTEGER NOT NULL DEFAULT 0,
                embeddings_updated_at TEXT,
                embeddings_error TEXT,
                UNIQUE (workspace_id, name));
            CREATE TABLE IF NOT EXISTS datasets (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                parent_id INTEGER REFERENCES datasets(id),
                name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', custom_data TEXT NOT NULL DEFAULT '{}',
                created_by INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS datasets_name ON datasets(project_id, COALESCE(parent_id, 0), name);
            CREATE TABLE IF NOT EXISTS blobs (
                hash TEXT PRIMARY KEY, file TEXT NOT NULL, size INTEGER NOT NULL, mime TEXT NOT NULL, width INTEGER, height INTEGER);
            CREATE TABLE IF NOT EXISTS images (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
                project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                name TEXT NOT NULL, hash TEXT NOT NULL REFERENCES blobs(hash),
                meta TEXT NOT NULL DEFAULT '{}', description TEXT,
                created_by INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                embeddings_updated_at TEXT,
                UNIQUE (dataset_id, name));
            CREATE INDEX IF NOT EXISTS images_project ON images(project_id, embeddings_updated_at);
            CREATE TABLE IF NOT EXISTS vectors (
                image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
                project_id INTEGER NOT NULL,
                dataset_id INTEGER NOT NULL,
                model_id TEXT NOT NULL,
                vector BLOB NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS vectors_project ON vectors(project_id);
            CREATE TABLE IF NOT EXISTS embedding_errors (
                project_id INTEGER NOT NULL, image_id INTEGER NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL,
                PRIMARY KEY (project_id, image_id));
            CREATE TABLE IF NOT EXISTS collections (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                team_id INTEGER NOT NULL,
                name TEXT NOT NULL, description TEXT, type TEXT NOT NULL, ai_search_key TEXT,
                disabled INTEGER NOT NULL DEFAULT 0,
                created_by INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS collections_key ON collections(project_id, ai_search_key);
            CREATE TABLE IF NOT EXISTS collection_items (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
                image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                score REAL, created_at TEXT NOT NULL,
                UNIQUE (collection_id, image_id));
            CREATE TABLE IF NOT EXISTS jobs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL, readme TEXT, description TEXT,
                team_id INTEGER NOT NULL, workspace_id INTEGER NOT NULL, project_id INTEGER NOT NULL, dataset_id INTEGER NOT NULL,
                created_by INTEGER, user_id INTEGER NOT NULL, reviewer_id INTEGER,
                status TEXT NOT NULL, meta TEXT NOT NULL, entity_ids TEXT NOT NULL, created_at TEXT NOT NULL);
            """);
        transaction.Execute("INSERT INTO teams (id, name) SELECT 1, 'default' WHERE NOT EXISTS (SELECT 1 FROM teams WHERE id = 1)");
        transaction.Execute("INSERT INTO workspaces (id, team_id, name) SELECT 1, 1, 'default' WHERE NOT EXISTS (SELECT 1 FROM workspaces WHERE id = 1)");
        transaction.Execute($"PRAGMA user_version = {CurrentVersion}");
        transaction.Commit();
    }
}
