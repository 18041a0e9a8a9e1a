using System.Globalization;
using Sly.Testing;

namespace Sly.Notebooks.Tests.Kernel;

/// <summary>
/// A notebook folder with a local NuGet feed beside it: a tiny class library packed with a fresh version (so the
/// NuGet cache never serves an old build) and an interactive-extensions/dotnet/extension.dib that registers a formatter.
/// </summary>
public sealed class LocalFeed : IAsyncLifetime
{
    public const string PackageId = "Sly.Notebooks.TestLib";

    private readonly TemporaryFolder _root = new();

    /// <summary>The notebook's folder; the feed is its sub-folder "feed", the packages cache "packages".</summary>
    public string NotebookFolder => Path.Combine(_root.Path, "notebook");

    public string FeedFolder => Path.Combine(NotebookFolder, "feed");

    /// <summary>A private global packages folder, so test runs leave nothing in the user's cache.</summary>
    public string PackagesFolder => Path.Combine(_root.Path, "packages");

    public string Version { get; } = "1.0.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    /// <summary>The library's dll, copied into the notebook folder as lib/TestLib.dll.</summary>
    public string LibraryCopy => Path.Combine(NotebookFolder, "lib", "TestLib.dll");

    public ValueTask InitializeAsync()
    {
        var source = Path.Combine(_root.Path, "src");
        Directory.CreateDirectory(source);
        Directory.CreateDirectory(FeedFolder);
        File.WriteAllText(Path.Combine(source, "TestLib.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                <AssemblyName>TestLib</AssemblyName>
                <PackageId>{PackageId}</PackageId>
                <Version>{Version}</Version>
                <Nullable>enable</Nullable>
                <IsPackable>true</IsPackable>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
                <None Include="extension.dib" Pack="true" PackagePath="interactive-extensions/dotnet" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(source, "Greeter.cs"), """
            namespace TestLib;
            public static class Greeter
            {
                public static int ExtensionRuns;
                public static string Hello(string name) => $"Hello, {name}!";
            }
            public sealed record Money(decimal Amount);
            """);
        File.WriteAllText(Path.Combine(source, "extension.dib"), """
            #!meta

            {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}

            #!markdown

            Registers the Money formatter.

            #!csharp

            TestLib.Greeter.ExtensionRuns++;
            Microsoft.DotNet.Interactive.Formatting.Formatter.Register<TestLib.Money>(m => $"<b>{m.Amount} EUR</b>", "text/html");
            """);
        var dotnet = Prerequisite.Program("dotnet", "the .NET SDK");
        ProcessRunner.Run(dotnet, ["pack", "TestLib.csproj", "-c", "Release", "-o", FeedFolder, "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
                source, TimeSpan.FromMinutes(4), new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder, ["MSBUILDDISABLENODEREUSE"] = "1" })
            .EnsureSuccess("dotnet pack of the test library");
        Directory.CreateDirectory(Path.GetDirectoryName(LibraryCopy)!);
        File.Copy(Path.Combine(source, "bin", "Release", $"net{Environment.Version.Major}.0", "TestLib.dll"), LibraryCopy);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _root.Dispose();
        return ValueTask.CompletedTask;
    }
}
