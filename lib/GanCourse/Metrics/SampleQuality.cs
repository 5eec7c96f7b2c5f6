using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// What a classifier makes of a set of generated digits: which classes they are read as (<see cref="Coverage"/>) and
/// the Frechet distance of their features to real digits, beside the real-vs-real floor (<see cref="Frechet"/>).
/// </summary>
/// <remarks>Introduced in notebook 07.</remarks>
public sealed record SampleQuality(ImageCoverage Coverage, FrechetReport Frechet)
{
    /// <summary>The class the most samples are read as.</summary>
    public int LargestClass => Enumerable.Range(0, Coverage.Classes).MaxBy(i => Coverage.Counts[i]);

    /// <summary>Share of the samples read as <see cref="LargestClass"/>, in [0, 1] (a fair share is 1/10).</summary>
    public double LargestShare => Coverage.Shares[LargestClass];

    /// <summary>Number of samples measured.</summary>
    public long Samples => Coverage.Total;

    /// <summary>
    /// Measures <paramref name="generated"/> (pixels in [0, 1]) against <paramref name="real"/> test images: coverage
    /// over all generated images, Frechet distance on min(#generated, #real / 2) of them (see
    /// <see cref="FrechetDistance.InFeatureSpace"/>).
    /// </summary>
    public static SampleQuality Of(MnistClassifier classifier, Tensor real, Tensor generated) =>
        new(ModeCoverage.OfImages(classifier, generated), FrechetDistance.InFeatureSpace(classifier, real, generated));

    /// <summary>
    /// Draws <paramref name="samples"/> images from <paramref name="generator"/> (<see cref="MlpGenerator.SampleImages"/>,
    /// noise seeded with <paramref name="sampleSeed"/>) and measures them against <paramref name="real"/>.
    /// </summary>
    public static SampleQuality OfGenerator(MnistClassifier classifier, Tensor real, MlpGenerator generator, int samples, int sampleSeed)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using var images = generator.SampleImages(samples, sampleSeed);
        return Of(classifier, real, images);
    }

    /// <summary>
    /// One line: "C/10 classes covered, largest class S %, Frechet distance F (floor R)".
    /// </summary>
    public override string ToString() =>
        $"{Coverage.Covered}/{Coverage.Classes} classes covered, largest class {LargestShare * 100:0.0} %, " +
        $"Frechet distance {Frechet.Value:0.0} (floor {Frechet.Floor:0.0})";
}
