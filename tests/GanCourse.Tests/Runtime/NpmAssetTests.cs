using Xunit;

namespace GanCourse.Tests.Runtime;

/// <summary>Pinned npm files: fetched once, verified by sha256, refused when tampered with.</summary>
public sealed class NpmAssetTests : IDisposable
{
    readonly string cache = Directory.CreateTempSubdirectory("gancourse-npm-").FullName;

    public void Dispose() => Directory.Delete(cache, recursive: true);

    [Fact]
    public void ATamperedCachedFileIsReplacedByTheVerifiedOne()
    {
        var asset = NpmAsset.PlotlyJs with { CacheRoot = cache };
        string path = asset.PathOf("plotly.min.js");
        Assert.StartsWith(cache, path);
        File.WriteAllText(path, "tampered");
        Assert.StartsWith("/**\n* plotly.js v3.7.0", asset.ReadText("plotly.min.js"));
        Assert.Empty(Directory.GetDirectories(asset.Folder)); // no work folders left behind
    }

    [Fact]
    public void APackageWhoseFileDoesNotMatchItsPinIsRefusedWithTheReason()
    {
        var wrong = NpmAsset.PlotlyJs with
        {
            CacheRoot = cache, Files = new Dictionary<string, string> { ["plotly.min.js"] = new string('0', 64) },
        };
        var e = Assert.Throws<NpmAssetException>(() => wrong.PathOf("plotly.min.js"));
        Assert.Contains("but the course pins 0000", e.Message);
        Assert.False(File.Exists(Path.Combine(wrong.Folder, "plotly.min.js")));
        var unknown = Assert.Throws<ArgumentException>(() => NpmAsset.PlotlyJs.PathOf("plotly.js"));
        Assert.Contains("pins no file \"plotly.js\"", unknown.Message);
    }
}
