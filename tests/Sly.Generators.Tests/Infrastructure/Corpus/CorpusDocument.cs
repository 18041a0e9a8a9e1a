using System.Reflection;

namespace Sly.Generators.Tests.Infrastructure.Corpus;

/// <summary>One real OpenAPI document of tests/…/Corpus/Documents and the client it becomes: namespace Corpus.&lt;ClientName&gt;.</summary>
internal sealed record CorpusDocument(string FileName, string Path)
{
    public static string Directory { get; } = System.IO.Path.Combine(
        typeof(CorpusDocument).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CorpusDirectory").Value!);

    public static IReadOnlyList<CorpusDocument> All { get; } = System.IO.Directory.GetFiles(System.IO.Path.Combine(Directory, "Documents"))
        .OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => new CorpusDocument(System.IO.Path.GetFileName(f), f))
        .ToList();

    public string Stem => System.IO.Path.GetFileNameWithoutExtension(FileName);

    /// <summary>"bc-gov-news" → "BcGovNews".</summary>
    public string ClientName => string.Concat(Stem.Split('-', '.').Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));

    public string Namespace => "Corpus." + ClientName;

    public static CorpusDocument Named(string fileName) => All.Single(d => d.FileName == fileName);
}
