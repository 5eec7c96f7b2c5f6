using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// How many classes a set of generated images covers, judged by a classifier: <see cref="Counts"/> is the histogram of
/// predicted classes, a class is covered when it receives at least <see cref="MinShare"/> of the samples, and
/// <see cref="MeanConfidence"/> is the mean top-class probability (low values: images the classifier cannot read).
/// </summary>
/// <remarks>Introduced in notebook 08.</remarks>
public sealed record ImageCoverage(IReadOnlyList<long> Counts, double MinShare, double MeanConfidence)
{
    /// <summary>Number of images classified.</summary>
    public long Total => Counts.Sum();

    /// <summary>Share of the images predicted as each class, in [0, 1].</summary>
    public IReadOnlyList<double> Shares => Counts.Select(c => (double)c / Total).ToArray();

    /// <summary>Number of classes with at least <see cref="MinShare"/> of the images.</summary>
    public int Covered => Shares.Count(s => s >= MinShare);

    /// <summary>Number of classes the classifier knows.</summary>
    public int Classes => Counts.Count;

    public override string ToString() =>
        $"{Covered}/{Classes} classes covered (share ≥ {MinShare * 100:0.##}%), mean confidence {MeanConfidence:0.000}, " +
        $"histogram [{string.Join(", ", Counts)}]";
}

/// <summary>
/// Mode coverage on the ring of Gaussians: a sample is high-quality when it lies within <see cref="Radius"/>
/// standard deviations of its nearest mode; a mode is covered when at least <see cref="MinSamples"/> high-quality
/// samples are nearest to it (the VEEGAN / unrolled-GAN protocol with 3σ and 1 sample).
/// </summary>
/// <remarks>Introduced in notebook 06.</remarks>
public sealed record RingCoverage(IReadOnlyList<long> HighQualityPerMode, long Total, double Radius, int MinSamples)
{
    /// <summary>Number of modes with at least <see cref="MinSamples"/> high-quality samples.</summary>
    public int Covered => HighQualityPerMode.Count(c => c >= MinSamples);

    /// <summary>Number of modes of the mixture.</summary>
    public int Modes => HighQualityPerMode.Count;

    /// <summary>Fraction of all samples that are high-quality, in [0, 1].</summary>
    public double HighQualityFraction => (double)HighQualityPerMode.Sum() / Total;

    public override string ToString() =>
        $"{Covered}/{Modes} modes covered, {HighQualityFraction * 100:0.0}% high-quality samples";
}

/// <summary>Mode-collapse measurements: classes covered by generated images, modes covered on the 2-D ring.</summary>
/// <remarks>Introduced in notebook 07.</remarks>
public static class ModeCoverage
{
    /// <summary>
    /// Classifies <paramref name="images"/> (pixels in [0, 1], [N, 1, 28, 28] or [N, 784]) and counts the classes
    /// they cover: a class counts when at least <paramref name="minShare"/> of the images (default 1%, a tenth of a
    /// fair share of 10%) are predicted as it.
    /// </summary>
    public static ImageCoverage OfImages(MnistClassifier classifier, Tensor images, double minShare = 0.01)
    {
        Require.NotNull(classifier, nameof(classifier));
        if (!(minShare > 0 && minShare <= 1))
            throw new ArgumentOutOfRangeException(nameof(minShare), minShare, "minShare is a fraction of the samples in (0, 1], e.g. 0.01 for 1%.");
        using var scope = NewDisposeScope();
        var probabilities = classifier.Probabilities(images);
        var (top, predicted) = probabilities.max(1);
        var counts = predicted.bincount(null, MnistClassifier.Classes).cpu().data<long>().ToArray();
        double confidence = top.to_type(ScalarType.Float64).mean().item<double>();
        return new ImageCoverage(counts, minShare, confidence);
    }

    /// <summary>
    /// Coverage of a 2-D Gaussian mixture (e.g. the ring of 8): <paramref name="samples"/> [n, 2],
    /// <paramref name="centers"/> [k, 2], common standard deviation <paramref name="std"/>. A sample is high-quality
    /// when within <paramref name="radius"/>·<paramref name="std"/> (default 3σ) of its nearest center; a mode is
    /// covered when at least <paramref name="minSamples"/> (default 1) high-quality samples are nearest to it.
    /// </summary>
    public static RingCoverage OfRing(Tensor samples, Tensor centers, double std, double radius = 3, int minSamples = 1)
    {
        CheckPoints(samples, nameof(samples));
        CheckPoints(centers, nameof(centers));
        if (!(std > 0)) throw new ArgumentOutOfRangeException(nameof(std), std, "std must be positive (the mixture's per-mode standard deviation).");
        if (!(radius > 0)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "radius (in standard deviations) must be positive, e.g. 3.");
        Require.AtLeastOne(minSamples, nameof(minSamples));
        using var scope = NewDisposeScope();
        var x = samples.to_type(ScalarType.Float64);
        var c = centers.to_type(ScalarType.Float64).to(samples.device);
        var distances = cdist(x, c);                    // [n, k]
        var (nearest, mode) = distances.min(1);
        var good = nearest.le(radius * std);
        var counts = mode.masked_select(good).bincount(null, centers.shape[0]).cpu().data<long>().ToArray();
        return new RingCoverage(counts, samples.shape[0], radius, minSamples);
    }

    /// <inheritdoc cref="OfRing(Tensor, Tensor, double, double, int)"/>
    public static RingCoverage OfRing(Tensor samples, IReadOnlyList<(double X, double Y)> centers, double std, double radius = 3, int minSamples = 1)
    {
        Require.NotNull(centers, nameof(centers));
        if (centers.Count == 0) throw new ArgumentException("centers is empty; pass the mixture's modes.", nameof(centers));
        using var c = tensor(centers.SelectMany(p => new[] { p.X, p.Y }).ToArray(), [centers.Count, 2]);
        return OfRing(samples, c, std, radius, minSamples);
    }

    /// <summary>
    /// Coverage of <paramref name="mixture"/>'s modes (e.g. <c>Toy2D.Ring()</c>) by <paramref name="samples"/> [n, 2],
    /// with the mixture's centers and std; thresholds as in <see cref="OfRing(Tensor, Tensor, double, double, int)"/>.
    /// </summary>
    public static RingCoverage OfRing(Tensor samples, GaussianMixture2D mixture, double radius = 3, int minSamples = 1)
    {
        Require.NotNull(mixture, nameof(mixture));
        return OfRing(samples, mixture.Centers, mixture.Std, radius, minSamples);
    }

    static void CheckPoints(Tensor points, string name)
    {
        if (points.dim() != 2 || points.shape[1] != 2 || points.shape[0] == 0)
            throw new ArgumentException(
                $"{name} has shape [{string.Join(", ", points.shape)}]; it must be [n, 2] with n >= 1 (one 2-D point per row).", name);
        if (!points.is_floating_point())
            throw new ArgumentException($"{name} has dtype {points.dtype}; points must be floating point.", name);
    }
}
