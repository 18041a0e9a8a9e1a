namespace Sly.Cli;

/// <summary>A user-facing failure: the message says what was wrong and what is allowed; printed without a stack trace.</summary>
internal sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
