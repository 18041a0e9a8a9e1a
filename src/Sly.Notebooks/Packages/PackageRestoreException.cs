namespace Sly.Notebooks.Packages;

/// <summary>A <c>#r "nuget: …"</c> restore that failed; the message carries NuGet's errors.</summary>
public sealed class PackageRestoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="details">The restore's error lines.</param>
    public PackageRestoreException(string message, IReadOnlyList<string> details)
        : base(details.Count == 0 ? message : message + Environment.NewLine + string.Join(Environment.NewLine, details))
    {
        Details = details;
    }

    /// <summary>The restore's error lines (NuGet's NU codes and messages, or the tail of the restore output).</summary>
    public IReadOnlyList<string> Details { get; }
}
