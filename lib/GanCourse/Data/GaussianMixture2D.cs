using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A 2-D mixture of isotropic Gaussians with a common std: p(x,y) = sum_k w_k N((x,y); c_k, std^2 I). The ring of 8
/// Gaussians and the 5x5 grid (<see cref="Toy2D"/>) are the classic mode-collapse test beds.
/// </summary>
public sealed class GaussianMixture2D
{
    readonly (double X, double Y)[] centers;
    readonly double[] weights;

    /// <summary>
    /// Components centred at <paramref name="centers"/>, all with standard deviation <paramref name="std"/> (> 0).
    /// <paramref name="weights"/> default to equal; otherwise finite, non-negative, divided by their sum.
    /// </summary>
    public GaussianMixture2D((double X, double Y)[] centers, double std, double[]? weights = null)
    {
        Require.NotNull(centers, nameof(centers));
        if (centers.Length == 0) throw new ArgumentException("A mixture needs at least one center.", nameof(centers));
        if (centers.Any(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y)))
            throw new ArgumentException("Centers must have finite coordinates.", nameof(centers));
        if (!double.IsFinite(std) || std <= 0)
            throw new ArgumentOutOfRangeException(nameof(std), std, "The standard deviation must be finite and > 0.");
        this.centers = ((double X, double Y)[])centers.Clone();
        Std = std;
        this.weights = StandardNormal.Normalise(weights ?? Enumerable.Repeat(1.0, centers.Length).ToArray(), centers.Length, nameof(weights));
    }

    /// <summary>The component centers (the modes).</summary>
    public IReadOnlyList<(double X, double Y)> Centers => centers;

    /// <summary>The common standard deviation of every component (per coordinate).</summary>
    public double Std { get; }

    /// <summary>The normalised weights (they sum to 1).</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>Number of components (modes).</summary>
    public int Modes => centers.Length;

    /// <summary>The density p(x, y).</summary>
    public double Density(double x, double y) => Math.Exp(LogDensity(x, y));

    /// <summary>log p(x, y), accurate where p underflows (far from every mode, or with a tiny std).</summary>
    public double LogDensity(double x, double y)
    {
        Span<double> terms = centers.Length <= 256 ? stackalloc double[centers.Length] : new double[centers.Length];
        double logNorm = -Math.Log(2 * Math.PI * Std * Std);
        for (int k = 0; k < centers.Length; k++)
        {
            double dx = x - centers[k].X, dy = y - centers[k].Y;
            terms[k] = Math.Log(weights[k]) + logNorm - 0.5 * (dx * dx + dy * dy) / (Std * Std);
        }
        return StandardNormal.LogSumExp(terms);
    }

    /// <summary>
    /// The density on a grid, as a heatmap wants it: row j, column i holds p(xs[i], ys[j]).
    /// </summary>
    public double[][] DensityGrid(double[] xs, double[] ys) =>
        ys.Select(y => xs.Select(x => Density(x, y)).ToArray()).ToArray();

    /// <summary><paramref name="n"/> samples as two coordinate arrays (for plotting); the same seed gives the same points.</summary>
    public (double[] X, double[] Y) SampleXY(int n, int seed)
    {
        StandardNormal.CheckCount(n);
        var rng = new Random(seed);
        var xs = new double[n];
        var ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            var c = centers[StandardNormal.Pick(rng, weights)];
            xs[i] = c.X + Std * StandardNormal.Next(rng);
            ys[i] = c.Y + Std * StandardNormal.Next(rng);
        }
        return (xs, ys);
    }

    /// <summary>The samples of <see cref="SampleXY"/> as a [n,2] float32 tensor (a batch of real data for a GAN).</summary>
    public Tensor Sample(int n, int seed)
    {
        var (xs, ys) = SampleXY(n, seed);
        var flat = new float[2 * n];
        for (int i = 0; i < n; i++)
        {
            flat[2 * i] = (float)xs[i];
            flat[2 * i + 1] = (float)ys[i];
        }
        return tensor(flat, [n, 2L], ScalarType.Float32);
    }

    /// <summary>
    /// For each point of <paramref name="points"/> ([n,2]), the index of the nearest mode if the point lies within
    /// <paramref name="withinStds"/> standard deviations of it (Euclidean distance), else -1.
    /// </summary>
    public int[] AssignModes(Tensor points, double withinStds = 3)
    {
        Require.NotNull(points, nameof(points));
        if (points.ndim != 2 || points.shape[1] != 2)
            throw new ArgumentException($"Expected points of shape [n,2], got [{string.Join(",", points.shape)}].", nameof(points));
        if (!(withinStds > 0)) throw new ArgumentOutOfRangeException(nameof(withinStds), withinStds, "withinStds must be > 0.");
        using var cpu = points.detach().cpu().to_type(ScalarType.Float64).contiguous();
        double[] xy = cpu.data<double>().ToArray();
        double limit = withinStds * Std, limit2 = limit * limit;
        var modes = new int[xy.Length / 2];
        for (int i = 0; i < modes.Length; i++)
        {
            int best = -1;
            double bestD2 = double.PositiveInfinity;
            for (int k = 0; k < centers.Length; k++)
            {
                double dx = xy[2 * i] - centers[k].X, dy = xy[2 * i + 1] - centers[k].Y, d2 = dx * dx + dy * dy;
                if (d2 < bestD2) { bestD2 = d2; best = k; }
            }
            modes[i] = bestD2 <= limit2 ? best : -1;
        }
        return modes;
    }

    /// <summary>
    /// Mode coverage of generated <paramref name="points"/>: a mode counts as covered when at least
    /// <paramref name="minSamples"/> points lie within <paramref name="withinStds"/> stds of it; the high-quality
    /// fraction is the share of points within that distance of some mode (the protocol of the VEEGAN and PacGAN papers).
    /// The same as <see cref="ModeCoverage.OfRing(Tensor, GaussianMixture2D, double, int)"/>.
    /// </summary>
    public RingCoverage Coverage(Tensor points, double withinStds = 3, int minSamples = 1) =>
        ModeCoverage.OfRing(points, this, withinStds, minSamples);

    public override string ToString() => $"{Modes} isotropic Gaussians, std {Std:G3}";
}
