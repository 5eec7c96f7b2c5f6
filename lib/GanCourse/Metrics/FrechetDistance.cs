using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A Frechet distance between generated and real images, beside its floor: the distance between two disjoint real
/// subsets of the same size <see cref="SamplesPerSet"/>. The estimate is biased upward at finite sample sizes, so only
/// a value well above the floor means the distributions differ.
/// </summary>
/// <remarks>Introduced in notebook 09.</remarks>
public sealed record FrechetReport(double Value, double Floor, int SamplesPerSet)
{
    public override string ToString() =>
        $"Frechet distance {Value:0.###} (real-vs-real floor {Floor:0.###}, {SamplesPerSet} samples per set)";
}

/// <summary>
/// The Frechet (2-Wasserstein) distance between Gaussians fitted to two feature sets, as in FID:
/// <c>|μ₁ − μ₂|² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½)</c>. Computed in float64; the matrix square roots come from
/// eigendecompositions of symmetric positive semi-definite matrices (negative round-off eigenvalues clamped to 0).
/// </summary>
/// <remarks>Introduced in notebook 09.</remarks>
public static class FrechetDistance
{
    /// <summary>Distance between feature sets <paramref name="featuresA"/> [n, d] and <paramref name="featuresB"/> [m, d].</summary>
    public static double Compute(Tensor featuresA, Tensor featuresB)
    {
        Check(featuresA, nameof(featuresA));
        Check(featuresB, nameof(featuresB));
        if (featuresA.shape[1] != featuresB.shape[1])
            throw new ArgumentException(
                $"The feature sets have different widths ({featuresA.shape[1]} and {featuresB.shape[1]}); both must be [n, d] with the same d.",
                nameof(featuresB));
        using var scope = NewDisposeScope();
        var (mu1, s1) = MeanAndCovariance(featuresA);
        var (mu2, s2) = MeanAndCovariance(featuresB);
        return BetweenGaussians(mu1, s1, mu2, s2);
    }

    /// <summary>
    /// The closed form for two Gaussians N(<paramref name="mean1"/>, <paramref name="covariance1"/>) and
    /// N(<paramref name="mean2"/>, <paramref name="covariance2"/>): means [d], covariances [d, d] symmetric PSD.
    /// </summary>
    public static double BetweenGaussians(Tensor mean1, Tensor covariance1, Tensor mean2, Tensor covariance2)
    {
        if (mean1.dim() != 1)
            throw new ArgumentException($"mean1 has shape [{string.Join(", ", mean1.shape)}]; a mean is a vector [d].", nameof(mean1));
        long d = mean1.shape[0];
        foreach (var (t, name, shape) in new[]
                 {
                     (mean1, nameof(mean1), new[] { d }), (mean2, nameof(mean2), new[] { d }),
                     (covariance1, nameof(covariance1), new[] { d, d }), (covariance2, nameof(covariance2), new[] { d, d }),
                 })
            if (!t.shape.SequenceEqual(shape))
                throw new ArgumentException(
                    $"{name} has shape [{string.Join(", ", t.shape)}]; expected [{string.Join(", ", shape)}] (means [d], covariances [d, d]).", name);
        using var scope = NewDisposeScope();
        var s1 = covariance1.to_type(ScalarType.Float64);
        var s2 = covariance2.to_type(ScalarType.Float64);
        var sqrtS1 = SymmetricSqrt((s1 + s1.t()) / 2);
        var middle = sqrtS1.mm(s2).mm(sqrtS1);
        middle = (middle + middle.t()) / 2;
        double traceSqrt = linalg.eigvalsh(middle).clamp_min(0).sqrt().sum().item<double>();
        double meanTerm = (mean1.to_type(ScalarType.Float64) - mean2.to_type(ScalarType.Float64)).square().sum().item<double>();
        double value = meanTerm + s1.trace().item<double>() + s2.trace().item<double>() - 2 * traceSqrt;
        return System.Math.Max(value, 0);
    }

    /// <summary>
    /// Frechet distance in <paramref name="classifier"/>'s 128-D feature space between <paramref name="generated"/>
    /// and <paramref name="real"/> images (pixels in [0, 1]), with the real-vs-real floor. The real images are
    /// shuffled with <paramref name="seed"/> and split into two disjoint subsets A and B of n = min(#generated,
    /// #real / 2) images each; the value compares A with the first n generated images, the floor compares A with B.
    /// </summary>
    public static FrechetReport InFeatureSpace(MnistClassifier classifier, Tensor real, Tensor generated, int seed = 0)
    {
        Require.NotNull(classifier, nameof(classifier));
        long n = System.Math.Min(generated.shape[0], real.shape[0] / 2);
        if (n < 2)
            throw new ArgumentException(
                $"Need at least 2 generated and 4 real images (got {generated.shape[0]} and {real.shape[0]}); " +
                "the floor needs two disjoint real subsets as large as the generated set.", nameof(real));
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var order = randperm(real.shape[0], generator: generator);
        var realA = classifier.ExtractFeatures(real.index_select(0, order.narrow(0, 0, n)));
        var realB = classifier.ExtractFeatures(real.index_select(0, order.narrow(0, n, n)));
        var fake = classifier.ExtractFeatures(generated.narrow(0, 0, n));
        return new FrechetReport(Compute(realA, fake), Compute(realA, realB), (int)n);
    }

    static (Tensor Mean, Tensor Covariance) MeanAndCovariance(Tensor features)
    {
        var x = features.to_type(ScalarType.Float64);
        var mean = x.mean([0]);
        var centered = x - mean;
        var covariance = centered.t().mm(centered) / (x.shape[0] - 1);
        return (mean, covariance);
    }

    static Tensor SymmetricSqrt(Tensor matrix)
    {
        var (values, vectors) = linalg.eigh(matrix);
        return (vectors * values.clamp_min(0).sqrt().unsqueeze(0)).mm(vectors.t());
    }

    static void Check(Tensor features, string name)
    {
        if (features.dim() != 2 || features.shape[0] < 2)
            throw new ArgumentException(
                $"{name} has shape [{string.Join(", ", features.shape)}]; it must be [n, d] with n >= 2 samples (one feature vector per row).", name);
        if (!features.is_floating_point())
            throw new ArgumentException($"{name} has dtype {features.dtype}; features must be floating point.", name);
        if (!features.isfinite().all().item<bool>())
            throw new ArgumentException($"{name} contains NaN or infinite values.", name);
    }
}
