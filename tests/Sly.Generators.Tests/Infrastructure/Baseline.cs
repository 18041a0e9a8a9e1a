using System.Reflection;

namespace Sly.Generators.Tests.Infrastructure;

/// <summary>
/// Checked-in expected output, one file per generated source, compared line by line (System.Text.Json's style).
/// Regenerate with: dotnet test tests/Sly.Generators.Tests -p:UpdateBaselines=true
/// </summary>
internal static class Baseline
{
    private static string Metadata(string key) =>
        typeof(Baseline).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value ?? "";

    public static bool Updating => string.Equals(Metadata("UpdateBaselines"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>One checked-in text file under <paramref name="root"/>/<paramref name="folder"/>, compared line by line.</summary>
    public static void VerifyText(string what, string name, string text, string root, string folder)
    {
        var path = Path.Combine(root, folder, name);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            return;
        }
        Assert.True(File.Exists(path), $"No {what} baseline {path}; run dotnet test -p:UpdateBaselines=true once and review it.");
        CompareLines(folder + "/" + name, File.ReadAllText(path), text);
    }

    public static void Verify(string folder, IEnumerable<(string HintName, string Source)> files)
    {
        var directory = Path.Combine(Metadata("BaselinesDirectory"), folder);
        var actual = files.ToDictionary(f => f.HintName + ".txt", f => f.Source.Replace("\r\n", "\n"));
        if (Updating)
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
            Directory.CreateDirectory(directory);
            foreach (var (name, text) in actual)
                File.WriteAllText(Path.Combine(directory, name), text);
            return;
        }
        Assert.True(Directory.Exists(directory), $"No baselines in {directory}; run dotnet test -p:UpdateBaselines=true once and review them.");
        var expectedNames = Directory.GetFiles(directory).Select(f => Path.GetFileName(f)!).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(expectedNames, actual.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList());
        foreach (var (name, text) in actual)
            CompareLines(folder + "/" + name, File.ReadAllText(Path.Combine(directory, name!)), text);
    }

    private static void CompareLines(string what, string expectedText, string actualText)
    {
        var expected = expectedText.Replace("\r\n", "\n").Split('\n');
        var lines = actualText.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < Math.Max(expected.Length, lines.Length); i++)
        {
            var want = i < expected.Length ? expected[i] : "<end of file>";
            var got = i < lines.Length ? lines[i] : "<end of file>";
            Assert.True(want == got, $"{what} line {i + 1}:\n expected: {want}\n actual:   {got}");
        }
    }
}
