using Microsoft.Data.Sqlite;

namespace Sly.Server.Storage;

/// <summary>Creates and upgrades the schema step by step; the version lives in PRAGMA user_version.</summary>
internal static class SqliteSchema
{
    private const int CurrentVersion = 2;

    public static void Apply(SqliteConnection connection)
    {
        var version = connection.Scalar<long>("PRAGMA user_version");
        if (version >= CurrentVersion)
            return;
        connection.Execute("PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction();
        if (version < 1)
            CreateTables(transaction);
        if (version < 2)
            AddCounters(transaction);
        transaction.Execute($"PRAGMA user_version = {CurrentVersion}");
        transaction.Commit();
    }

    private static void CreateTables(SqliteTransaction transaction)
    {
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
    }

    /// <summary>
    /// Image and dataset counts and sizes kept on the project and dataset rows by triggers, so projects.info and
    /// projects.list cost the same at 100 images and at 1M (they counted every image of the project before).
    /// </summary>
    private static void AddCounters(SqliteTransaction transaction)
    {
        transaction.Execute("""
            ALTER TABLE projects ADD COLUMN images_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE projects ADD COLUMN datasets_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE projects ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE datasets ADD COLUMN images_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE datasets ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
            UPDATE datasets SET
                images_count = (SELECT COUNT(*) FROM images i WHERE i.dataset_id = datasets.id),
                size = (SELECT COALESCE(SUM(b.size), 0) FROM images i JOIN blobs b ON b.hash = i.hash WHERE i.dataset_id = datasets.id);
            UPDATE projects SET
                images_count = (SELECT COUNT(*) FROM images i WHERE i.project_id = projects.id),
                datasets_count = (SELECT COUNT(*) FROM datasets d WHERE d.project_id = projects.id),
                size = (SELECT COALESCE(SUM(b.size), 0) FROM images i JOIN blobs b ON b.hash = i.hash WHERE i.project_id = projects.id);
            CREATE TRIGGER images_counted AFTER INSERT ON images BEGIN
                UPDATE projects SET images_count = images_count + 1, size = size + COALESCE((SELECT size FROM blobs WHERE hash = NEW.hash), 0) WHERE id = NEW.project_id;
                UPDATE datasets SET images_count = images_count + 1, size = size + COALESCE((SELECT size FROM blobs WHERE hash = NEW.hash), 0) WHERE id = NEW.dataset_id;
            END;
            CREATE TRIGGER images_uncounted AFTER DELETE ON images BEGIN
                UPDATE projects SET images_count = images_count - 1, size = size - COALESCE((SELECT size FROM blobs WHERE hash = OLD.hash), 0) WHERE id = OLD.project_id;
                UPDATE datasets SET images_count = images_count - 1, size = size - COALESCE((SELECT size FROM blobs WHERE hash = OLD.hash), 0) WHERE id = OLD.dataset_id;
            END;
            CREATE TRIGGER images_recounted AFTER UPDATE OF project_id, dataset_id, hash ON images BEGIN
                UPDATE projects SET images_count = images_count - 1, size = size - COALESCE((SELECT size FROM blobs WHERE hash = OLD.hash), 0) WHERE id = OLD.project_id;
                UPDATE datasets SET images_count = images_count - 1, size = size - COALESCE((SELECT size FROM blobs WHERE hash = OLD.hash), 0) WHERE id = OLD.dataset_id;
                UPDATE projects SET images_count = images_count + 1, size = size + COALESCE((SELECT size FROM blobs WHERE hash = NEW.hash), 0) WHERE id = NEW.project_id;
                UPDATE datasets SET images_count = images_count + 1, size = size + COALESCE((SELECT size FROM blobs WHERE hash = NEW.hash), 0) WHERE id = NEW.dataset_id;
            END;
            CREATE TRIGGER datasets_counted AFTER INSERT ON datasets BEGIN
                UPDATE projects SET datasets_count = datasets_count + 1 WHERE id = NEW.project_id;
            END;
            CREATE TRIGGER datasets_uncounted AFTER DELETE ON datasets BEGIN
                UPDATE projects SET datasets_count = datasets_count - 1 WHERE id = OLD.project_id;
            END;
            """);
    }
}
