using System.IO.Compression;
using Xunit;

namespace GanCourse.Tests.Data;

public class IdxTests
{
    static byte[] RandomBytes(int n, int seed)
    {
        var b = new byte[n];
        new Random(seed).NextBytes(b);
        return b;
    }

    [Theory]
    [InlineData("images-idx3-ubyte")]
    [InlineData("images-idx3-ubyte.gz")]
    public void ImagesRoundTripPlainAndGzipped(string fileName)
    {
        using var dir = new TempDir();
        byte[] data = RandomBytes(5 * 28 * 28, 1);
        string path = dir.File(fileName);
        Idx.Write(path, data, 5, 28, 28);

        byte[] onDisk = File.ReadAllBytes(path);
        bool gz = fileName.EndsWith(".gz");
        Assert.Equal(gz, onDisk[0] == 0x1f && onDisk[1] == 0x8b);
        var back = Idx.Read(path, Idx.ImagesMagic);
        Assert.Equal([5, 28, 28], back.Shape);
        Assert.Equal(data, back.Data);
        Assert.Equal(Idx.ImagesMagic, back.Magic);
        // Gzip is detected by its signature, not only by the extension.
        string renamed = dir.File("renamed");
        File.Copy(path, renamed);
        Assert.Equal(data, Idx.Read(renamed).Data);
        Assert.Single(Directory.GetFiles(dir.Path), p => p == path); // no temporary files left
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LabelsRoundTripWithTheExactBigEndianHeader(bool gz)
    {
        using var dir = new TempDir();
        byte[] labels = [5, 0, 4, 1, 9, 2, 1];
        string path = dir.File(gz ? "labels.gz" : "labels");
        Idx.Write(path, labels, labels.Length);

        byte[] raw = gz ? Decompress(File.ReadAllBytes(path)) : File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0, 0, 8, 1, 0, 0, 0, 7, 5, 0, 4, 1, 9, 2, 1 }, raw);
        var back = Idx.Read(path, Idx.LabelsMagic);
        Assert.Equal([7], back.Shape);
        Assert.Equal(labels, back.Data);
    }

    static byte[] Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public void CorruptMagicIsRejectedWithPathExpectationAndFix()
    {
        using var dir = new TempDir();
        string path = dir.File("bad-magic");
        File.WriteAllBytes(path, [0, 0, 0x0D, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("expected an unsigned-byte IDX magic number", e.Message);
        Assert.Contains("found 0x00000D03", e.Message);
        Assert.Contains("Delete the file", e.Message);
        Assert.Contains("./course data", e.Message);
    }

    [Fact]
    public void LabelsFileWhereImagesAreExpectedIsRejected()
    {
        using var dir = new TempDir();
        string path = dir.File("t10k-labels-idx1-ubyte");
        Idx.Write(path, new byte[3], 3);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path, Idx.ImagesMagic));
        Assert.Contains("expected magic number 0x00000803 (3-D unsigned bytes: images)", e.Message);
        Assert.Contains("found 0x00000801 (1-D unsigned bytes: labels)", e.Message);
    }

    [Fact]
    public void TruncatedPayloadIsRejected()
    {
        using var dir = new TempDir();
        string path = dir.File("train-images-idx3-ubyte");
        Idx.Write(path, RandomBytes(4 * 784, 2), 4, 28, 28);
        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(f.Length - 100);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains($"expected {16 + 4 * 784} bytes (16-byte header + 4 x 28 x 28 data bytes)", e.Message);
        Assert.Contains($"found {16 + 4 * 784 - 100} bytes (truncated)", e.Message);
    }

    [Fact]
    public void TruncatedGzipIsRejected()
    {
        using var dir = new TempDir();
        string path = dir.File("images.gz");
        Idx.Write(path, RandomBytes(4 * 784, 3), 4, 28, 28);
        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.StartsWith(path + ": not a valid IDX file: expected", e.Message);
        Assert.Contains("Delete the file", e.Message);
    }

    [Fact]
    public void ExtraBytesAndShortHeadersAreRejected()
    {
        using var dir = new TempDir();
        string longer = dir.File("longer");
        File.WriteAllBytes(longer, [0, 0, 8, 1, 0, 0, 0, 2, 7, 7, 7]);
        Assert.Contains("found 11 bytes (extra bytes at the end)", Assert.Throws<InvalidDataException>(() => Idx.Read(longer)).Message);

        string shortHeader = dir.File("short");
        File.WriteAllBytes(shortHeader, [0, 0, 8, 3, 0, 0, 0, 2, 0, 0]);
        Assert.Contains("expected 3 dimension sizes (12 bytes) after the magic number, found only 6 bytes",
            Assert.Throws<InvalidDataException>(() => Idx.Read(shortHeader)).Message);

        string tiny = dir.File("tiny");
        File.WriteAllBytes(tiny, [0, 0]);
        Assert.Contains("found a file of only 2 bytes", Assert.Throws<InvalidDataException>(() => Idx.Read(tiny)).Message);
    }

    [Fact]
    public void WriteRejectsDataThatDoesNotFitTheShapeAndWritesNothing()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ArgumentException>(() => Idx.Write(dir.File("x"), new byte[10], 3, 3));
        Assert.Contains("Shape [3, 3] holds 9 bytes but the data has 10", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void FailedAtomicWriteLeavesNoTemporaryFileAndKeepsTheOldFile()
    {
        using var dir = new TempDir();
        string path = dir.File("target");
        File.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[1000]);
            throw new IOException("disk full (simulated)");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));

        Assert.Throws<IOException>(() => AtomicFile.Write(dir.File("new"), _ => throw new IOException("simulated")));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void LoadRejectsWrongImageSizeCountMismatchAndBadLabels()
    {
        using var dir = new TempDir();
        var source = DatasetCatalog.For(DatasetName.Mnist);
        void Write(int n, int rows, int cols, byte[] labels)
        {
            Idx.Write(dir.File(DatasetCatalog.TrainImages), new byte[n * rows * cols], n, rows, cols);
            Idx.Write(dir.File(DatasetCatalog.TrainLabels), labels, labels.Length);
        }

        Write(2, 28, 27, [1, 2]);
        var e = Assert.Throws<InvalidDataException>(() => Datasets.LoadFrom(source, dir.Path, Split.Train, Scaling.ZeroOne, null));
        Assert.Contains("expected 28 x 28 images, found 28 x 27", e.Message);

        Write(2, 28, 28, [1, 2, 3]);
        e = Assert.Throws<InvalidDataException>(() => Datasets.LoadFrom(source, dir.Path, Split.Train, Scaling.ZeroOne, null));
        Assert.Contains("expected 2 labels (one per image in", e.Message);
        Assert.Contains("found 3", e.Message);

        Write(2, 28, 28, [1, 10]);
        e = Assert.Throws<InvalidDataException>(() => Datasets.LoadFrom(source, dir.Path, Split.Train, Scaling.ZeroOne, null));
        Assert.Contains("expected labels 0-9, found 10 at index 1", e.Message);
    }
}
