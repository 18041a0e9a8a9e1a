namespace Sly.Generators.Tests.Infrastructure;

internal static class SpecFiles
{
    public static string Read(string folder, string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, folder, name));
}
