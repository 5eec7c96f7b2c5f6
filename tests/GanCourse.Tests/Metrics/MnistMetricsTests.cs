using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace GanCourse.Tests.Metrics;

/// <summary>
/// The cached MNIST classifier (trained on first use, about 20–30 s on 2 idle cores, then loaded from
/// data/classifiers/mnist-classifier.bin) with MNIST's test set and 6,000 training images.
/// </summary>
public sealed class MnistClassifierFixture : IDisposable
{
    public MnistClassifierFixture()
    {
        Classifier = ClassifierCache.GetOrTrain(DatasetName.Mnist);
        Test = Datasets.Load(DatasetName.Mnist, Split.Test);
        Train = Datasets.Load(DatasetName.Mnist, Split.Train, limit: 6000);
    }

    public MnistClassifier Classifier { get; }
    public ImageDataset Test { get; }
    public ImageDataset Train { get; }

    public void Dispose()
    {
        Classifier.Dispose();
        Test.Dispose();
        Train.Dispose();
    }
}

public class MnistMetricsTests(MnistClassifierFixture fixture, ITestOutputHelper output) : IClassFixture<MnistClassifierFixture>
{
    [Fact]
    public void CachedClassifierReachesNinetyEightPercentOnTheTestSet()
    {
        double accuracy = ClassifierTraining.Accuracy(fixture.Classifier, fixture.Test.Images, fixture.Test.Labels);
        output.WriteLine($"MNIST test accuracy {accuracy:P2}");
        Assert.True(accuracy >= 0.98, $"test accuracy {accuracy:P2}");
        Assert.True(File.Exists(ClassifierCache.WeightsPath(DatasetName.Mnist)));
    }

    [Fact]
    public void RealDigitsCoverAllClassesAndSitNearTheFrechetFloor()
    {
        using var scope = NewDisposeScope();
        var generated = fixture.Train.Images.narrow(0, 0, 1000); // a "perfect generator": real training images
        var coverage = ModeCoverage.OfImages(fixture.Classifier, generated);
        var frechet = FrechetDistance.InFeatureSpace(fixture.Classifier, fixture.Test.Images, generated);
        output.WriteLine($"{coverage}\n{frechet}");
        Assert.Equal(10, coverage.Covered);
        Assert.True(coverage.MeanConfidence > 0.95, coverage.ToString());
        Assert.True(frechet.Value < 3 * frechet.Floor, frechet.ToString());
    }

    [Fact]
    public void ACollapsedGeneratorCoversOneClassAndIsFarFromReal()
    {
        using var scope = NewDisposeScope();
        var ones = nonzero(fixture.Train.Labels.eq(1)).squeeze(1).narrow(0, 0, 600);
        var collapsed = fixture.Train.Images.index_select(0, ones); // every sample a "1"
        var coverage = ModeCoverage.OfImages(fixture.Classifier, collapsed);
        var frechet = FrechetDistance.InFeatureSpace(fixture.Classifier, fixture.Test.Images, collapsed);
        output.WriteLine($"{coverage}\n{frechet}");
        Assert.Equal(1, coverage.Covered);
        Assert.True(coverage.Counts[1] > 590, coverage.ToString());
        Assert.True(frechet.Value > 50 * frechet.Floor, frechet.ToString());
    }
}
