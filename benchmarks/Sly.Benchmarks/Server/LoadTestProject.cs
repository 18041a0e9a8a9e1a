namespace Sly.Benchmarks.Server;

/// <summary>The embedded project the load runs against, and one user (token, id) per load client.</summary>
public sealed record LoadTestProject(long ProjectId, IReadOnlyList<LoadTestUser> Users);
