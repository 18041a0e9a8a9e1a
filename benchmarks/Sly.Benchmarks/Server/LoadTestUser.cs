namespace Sly.Benchmarks.Server;

/// <summary>A user of the embedded server; each load client searches as its own user, so each has its own result collection.</summary>
public sealed record LoadTestUser(long Id, string Token);
