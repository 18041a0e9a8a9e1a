namespace Sly.Server.Storage;

/// <summary>
/// What request handlers and jobs check about a project, read without the image counts and sizes that
/// <see cref="ProjectStore.Get"/> aggregates (those scan every image of the project).
/// </summary>
public sealed record ProjectState(long Id, string Type, bool EmbeddingsEnabled, bool EmbeddingsInProgress, DateTimeOffset? EmbeddingsUpdatedAt);
