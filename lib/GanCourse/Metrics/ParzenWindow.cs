using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A Parzen-window log-likelihood estimate (GAN paper, Table 1): mean log-likelihood of the test points in nats
/// ± its standard error (std/√N), with the bandwidth σ chosen on a validation split. <see cref="Search"/> lists the
/// mean validation log-likelihood of every σ tried.
/// </summary>
public sealed record ParzenReport(
    double Mean, double StandardError, double Sigma, IReadOnlyList<(double Sigma, double ValidationLogLikelihood)> Search,
    int TestPoints, int KernelCenters)
{
    public override string ToString() =>
        $"Parzen log-likelihood {Mean:0.0} ± {StandardError:0.0} nats (σ = {Sigma:0.###} chosen on validation; " +
        $"{TestPoints} test points, {KernelCenters} generated samples)";
}

/// <summary>
/// Gaussian Parzen-window density estimation, the GAN paper's evaluation protocol: fit an isotropic Gaussian kernel
/// of width σ on every generated sample, <c>p(x) = (1/m) Σᵢ N(x; gᵢ, σ² I)</c>, pick σ from
/// <see cref="DefaultSigmas"/> (logspace(-1, 0, 10)) by the mean log-likelihood of a validation split, and report the
/// mean log-likelihood of the test split in nats with its standard error. On MNIST the inputs are the 784 pixels
/// in [0, 1]. Computed in float64 and in batches, with log-sum-exp, so memory stays at batch × m numbers.
/// </summary>
/// <remarks>Introduced in notebook 09.</remarks>
public static class ParzenWindow
{
    /// <summary>The GAN paper's σ grid: 10 values log-spaced from 0.1 to 1.</summary>
    public static IReadOnlyList<double> DefaultSigmas { get; } =
        Enumerable.Range(0, 10).Select(i => System.Math.Pow(10, -1 + i / 9.0)).ToArray();

    /// <summary>
    /// The full protocol: σ chosen from <paramref name="sigmas"/> (default <see cref="DefaultSigmas"/>) by the
    /// mean log-likelihood of <paramref name="validation"/>, then the mean ± standard error on
    /// <paramref name="test"/>. All sets are [n, ...] and flattened to [n, d].
    /// </summary>
    public static ParzenReport Evaluate(
        Tensor generated, Tensor validation, Tensor test, IReadOnlyList<double>? sigmas = null, int batchSize = 256)
    {
        sigmas ??= DefaultSigmas;
        if (sigmas.Count == 0 || sigmas.Any(s => !(s > 0) || double.IsInfinity(s)))
            throw new ArgumentException("sigmas must be a non-empty list of positive, finite kernel widths, e.g. ParzenWindow.DefaultSigmas.", nameof(sigmas));
        using var scope = NewDisposeScope();
        var perSigma = LogLikelihoods(generated, validation, sigmas, batchSize, nameof(validation));
        var means = perSigma.mean([1]).data<double>().ToArray();
        int best = Array.IndexOf(means, means.Max());
        var search = sigmas.Zip(means, (s, m) => (s, m)).ToArray();
        var testLl = LogLikelihoods(generated, test, [sigmas[best]], batchSize, nameof(test))[0];
        double mean = testLl.mean().item<double>();
        double standardError = testLl.shape[0] > 1 ? testLl.std().item<double>() / System.Math.Sqrt(testLl.shape[0]) : double.NaN;
        return new ParzenReport(mean, standardError, sigmas[best], search, (int)test.shape[0], (int)generated.shape[0]);
    }

    /// <summary>
    /// Log-likelihood in nats of every row of <paramref name="points"/> under the Parzen window of width
    /// <paramref name="sigma"/> centred on the rows of <paramref name="centers"/>; [n] float64.
    /// </summary>
    public static Tensor LogLikelihood(Tensor centers, Tensor points, double sigma, int batchSize = 256)
    {
        if (!(sigma > 0) || double.IsInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma (the kernel width) must be positive and finite.");
        using var scope = NewDisposeScope();
        return LogLikelihoods(centers, points, [sigma], batchSize, nameof(points))[0].MoveToOuterDisposeScope();
    }

    /// <summary>[sigmas, n] log-likelihoods: squared distances are computed once per batch and reused for every σ.</summary>
    static Tensor LogLikelihoods(Tensor centers, Tensor points, IReadOnlyList<double> sigmas, int batchSize, string pointsName)
    {
        Require.AtLeastOne(batchSize, nameof(batchSize));
        var mu = Flatten(centers, "generated samples (kernel centers)");
        var x = Flatten(points, pointsName);
        if (mu.shape[1] != x.shape[1])
            throw new ArgumentException(
                $"The {pointsName} points have {x.shape[1]} dimensions but the generated samples have {mu.shape[1]}; they must match.", pointsName);
        long m = mu.shape[0], d = mu.shape[1], n = x.shape[0];
        var muNorms = mu.square().sum(1).unsqueeze(0);       // [1, m]
        var muT = mu.t();
        var result = empty(sigmas.Count, n, dtype: ScalarType.Float64);
        for (long start = 0; start < n; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            long b = System.Math.Min(batchSize, n - start);
            var xb = x.narrow(0, start, b);
            var squared = (xb.square().sum(1, keepdim: true) + muNorms - 2 * xb.mm(muT)).clamp_min(0); // [b, m]
            for (int s = 0; s < sigmas.Count; s++)
            {
                double sigma = sigmas[s];
                double logNormalizer = System.Math.Log(m) + d * System.Math.Log(sigma * System.Math.Sqrt(2 * System.Math.PI));
                var ll = (squared * (-0.5 / (sigma * sigma))).logsumexp(1) - logNormalizer;
                result[s].narrow(0, start, b).copy_(ll);
            }
        }
        return result;
    }

    static Tensor Flatten(Tensor set, string name)
    {
        if (set.dim() < 2 || set.shape[0] == 0)
            throw new ArgumentException(
                $"The {name} have shape [{string.Join(", ", set.shape)}]; pass [n, ...] with n >= 1 (one sample per row, e.g. [n, 784] or [n, 1, 28, 28]).");
        if (!set.is_floating_point())
            throw new ArgumentException($"The {name} have dtype {set.dtype}; pass floating-point values (pixels in [0, 1]).");
        return set.reshape(set.shape[0], -1).to_type(ScalarType.Float64);
    }
}
