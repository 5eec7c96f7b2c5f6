using GanCourse.Tests.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Metrics;

/// <summary>SampleQuality on synthetic digits (no dataset needed): the MNIST run of it is in MnistMetricsTests.</summary>
public class SampleQualityTests
{
    [Fact]
    public void NamesTheLargestClassItsShareAndTheFrechetDistanceOfTheSameImages()
    {
        using var scope = NewDisposeScope();
        var classifier = SyntheticDigits.CachedClassifier();
        var real = SyntheticDigits.Make(600, seed: 50).Images;
        // 200 images, mostly class 3 and a few of class 8: the largest class is 3, not the first or the last class.
        var generated = cat([SyntheticDigits.Make(180, seed: 51, onlyClass: 3).Images, SyntheticDigits.Make(20, seed: 52, onlyClass: 8).Images]);
        var quality = SampleQuality.Of(classifier, real, generated);

        Assert.Equal(200, quality.Samples);
        Assert.Equal(3, quality.LargestClass);
        Assert.Equal(quality.Coverage.Counts[3] / 200.0, quality.LargestShare, 12);
        Assert.InRange(quality.LargestShare, 0.85, 0.95);
        Assert.Equal(2, quality.Coverage.Covered);
        Assert.Equal(FrechetDistance.InFeatureSpace(classifier, real, generated), quality.Frechet);
        Assert.Equal($"2/10 classes covered, largest class {quality.LargestShare * 100:0.0} %, " +
                     $"Frechet distance {quality.Frechet.Value:0.0} (floor {quality.Frechet.Floor:0.0})", quality.ToString());
    }

    [Fact]
    public void OfGeneratorMeasuresTheGeneratorsSeededSamples()
    {
        using var scope = NewDisposeScope();
        var classifier = SyntheticDigits.CachedClassifier();
        var real = SyntheticDigits.Make(100, seed: 53).Images;
        manual_seed(54);
        using var generator = new MlpGenerator();
        var quality = SampleQuality.OfGenerator(classifier, real, generator, samples: 30, sampleSeed: 7);

        var expected = SampleQuality.Of(classifier, real, generator.SampleImages(30, 7));
        Assert.Equal(30, quality.Samples);
        Assert.Equal(expected.Coverage.Counts, quality.Coverage.Counts);
        Assert.Equal(expected.Frechet, quality.Frechet);
        Assert.Throws<ArgumentNullException>(() => SampleQuality.OfGenerator(classifier, real, null!, 30, 7));
    }
}
