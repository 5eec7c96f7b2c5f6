using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A 1-D mixture of Gaussians p(x) = sum_k w_k N(x; mu_k, sigma_k^2), with its exact density and seeded sampling.
/// The theory notebooks use it as p_data (and as p_g) to compute divergences and the optimal discriminator exactly.
/// </summary>
/// <remarks>Introduced in notebook 00.</remarks>
public sealed class GaussianMixture1D
{
    readonly double[] weights, means, stds;

    /// <summary>
    /// A mixture of <c>means.Length</c> components. <paramref name="weights"/> must be finite and non-negative with a
    /// positive sum; they are divided by their sum (so {1, 3} means {0.25, 0.75}). Every std must be positive.
    /// </summary>
    public GaussianMixture1D(double[] weights, double[] means, double[] stds)
    {
        Require.NotNull(means, nameof(means));
        Require.NotNull(stds, nameof(stds));
        if (means.Length == 0) throw new ArgumentException("A mixture needs at least one component.", nameof(means));
        if (stds.Length != means.Length)
            throw new ArgumentException($"Expected {means.Length} stds (one per mean), got {stds.Length}.", nameof(stds));
        for (int k = 0; k < means.Length; k++)
        {
            if (!double.IsFinite(means[k])) throw new ArgumentException($"Mean {k} is {means[k]}; means must be finite.", nameof(means));
            if (!double.IsFinite(stds[k]) || stds[k] <= 0)
                throw new ArgumentException($"Std {k} is {stds[k]}; standard deviations must be finite and > 0.", nameof(stds));
        }
        this.weights = StandardNormal.Normalise(weights, means.Length, nameof(weights));
        this.means = (double[])means.Clone();
        this.stds = (double[])stds.Clone();
    }

    /// <summary>A single Gaussian N(mean, std^2).</summary>
    public static GaussianMixture1D Gaussian(double mean, double std) => new([1.0], [mean], [std]);

    /// <summary>The normalised weights (they sum to 1).</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>The component means.</summary>
    public IReadOnlyList<double> Means => means;

    /// <summary>The component standard deviations.</summary>
    public IReadOnlyList<double> Stds => stds;

    /// <summary>Number of components.</summary>
    public int Components => means.Length;

    /// <summary>The mixture's mean, sum_k w_k mu_k.</summary>
    public double Mean => Enumerable.Range(0, Components).Sum(k => weights[k] * means[k]);

    /// <summary>The mixture's variance, sum_k w_k (sigma_k^2 + mu_k^2) - mean^2.</summary>
    public double Variance
    {
        get
        {
            double m = Mean;
            return Enumerable.Range(0, Components).Sum(k => weights[k] * (stds[k] * stds[k] + means[k] * means[k])) - m * m;
        }
    }

    /// <summary>The density p(x).</summary>
    public double Density(double x)
    {
        double p = 0;
        for (int k = 0; k < Components; k++)
        {
            double z = (x - means[k]) / stds[k];
            p += weights[k] * Math.Exp(-0.5 * z * z) / (stds[k] * Math.Sqrt(2 * Math.PI));
        }
        return p;
    }

    /// <summary>The density at each point.</summary>
    public double[] Density(double[] xs) => xs.Select(Density).ToArray();

    /// <summary>log p(x), accurate far in the tails where p(x) underflows to 0.</summary>
    public double LogDensity(double x)
    {
        Span<double> terms = stackalloc double[Components];
        for (int k = 0; k < Components; k++)
        {
            double z = (x - means[k]) / stds[k];
            terms[k] = Math.Log(weights[k]) - 0.5 * z * z - Math.Log(stds[k]) - 0.5 * Math.Log(2 * Math.PI);
        }
        return StandardNormal.LogSumExp(terms);
    }

    /// <summary>log p(x) at each point.</summary>
    public double[] LogDensity(double[] xs) => xs.Select(LogDensity).ToArray();

    /// <summary><paramref name="n"/> samples; the same seed always gives the same samples.</summary>
    public double[] Sample(int n, int seed)
    {
        StandardNormal.CheckCount(n);
        var rng = new Random(seed);
        var xs = new double[n];
        for (int i = 0; i < n; i++)
        {
            int k = StandardNormal.Pick(rng, weights);
            xs[i] = means[k] + stds[k] * StandardNormal.Next(rng);
        }
        return xs;
    }

    /// <summary>The samples of <see cref="Sample"/> as a [n,1] float32 tensor (a batch of 1-D data points).</summary>
    public Tensor SampleTensor(int n, int seed) =>
        tensor(Sample(n, seed).Select(x => (float)x).ToArray(), [n, 1L], ScalarType.Float32);

    public override string ToString() =>
        string.Join(" + ", Enumerable.Range(0, Components).Select(k => $"{weights[k]:G3} N({means[k]:G3}, {stds[k]:G3}^2)"));
}
