using System.IO.Compression;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NotebookRunner.Tests;

public sealed class LocalFeedTests
{
    const string PackageId = "NotebookRunner.Fixture.Greeter";

    [Fact]
    public void A_package_source_directive_adds_a_local_feed()
    {
        // The kernel takes a feed as a URL or an absolute path (a relative one is "Invalid URI", in VS Code too).
        string dir = Runner.TempDirectory("feed");
        string feed = Path.Combine(dir, "feed");
        File.WriteAllText(Path.Combine(dir, "local-feed.ipynb"),
            File.ReadAllText(Path.Combine(Runner.FixturesDirectory, "local-feed", "local-feed.ipynb")).Replace("nuget: FEED", $"nuget: {feed}"));
        Directory.CreateDirectory(feed);
        WritePackage(Path.Combine(feed, $"{PackageId}.1.0.0.nupkg"));

        // An empty global packages folder: the package can only come from the #i feed.
        RunResult r = Runner.Run([Path.Combine(dir, "local-feed.ipynb")],
            environment: new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(dir, "packages") });
        Assert.True(r.ExitCode == 0, r.ToString());
        ExecutedNotebook nb = r.Notebook("local-feed");
        Assert.Equal("Hello, runner!", Assert.Single(nb.Outputs("c02"))["data"]!["text/plain"]!.GetValue<string>());
        Assert.True(Directory.Exists(Path.Combine(dir, "packages", PackageId.ToLowerInvariant(), "1.0.0")));
    }

    /// <summary>A minimal NuGet package holding one freshly compiled assembly.</summary>
    static void WritePackage(string path)
    {
        var compilation = CSharpCompilation.Create(PackageId,
            [CSharpSyntaxTree.ParseText("namespace NotebookRunner.Fixture; public static class Greeter { public static string Hello(string name) => \"Hello, \" + name + \"!\"; }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var dll = new MemoryStream();
        var emitted = compilation.Emit(dll);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Write(zip, $"{PackageId}.nuspec", Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="utf-8"?>
            <package>
              <metadata>
                <id>{PackageId}</id>
                <version>1.0.0</version>
                <authors>NotebookRunner tests</authors>
                <description>A fixture package for the #i directive test.</description>
              </metadata>
            </package>
            """));
        Write(zip, $"lib/net8.0/{PackageId}.dll", dll.ToArray());
    }

    static void Write(ZipArchive zip, string name, byte[] content)
    {
        using Stream s = zip.CreateEntry(name).Open();
        s.Write(content);
    }
}
