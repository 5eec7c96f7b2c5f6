using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A Gaussian kernel density estimate of a 1-D sample: p̂(x) = (1/n) Σ_i N(x; x_i, h²). It turns a generator's samples
/// into a curve that can be drawn beside p_data (e.g. with Plot.Densities1D). The bandwidth h defaults to
/// Silverman's rule of thumb, 0.9 · min(s, IQR/1.34) · n^(−1/5), which suits roughly unimodal samples; pass a smaller h
/// for samples with several narrow modes.
/// </summary>
/// <remarks>Introduced in notebook 05.</remarks>
public static class KernelDensity
{
    /// <summary>p̂ at each of <paramref name="xs"/> from <paramref name="samples"/> (bandwidth: Silverman's rule unless given).</summary>
    public static double[] Estimate(double[] samples, IReadOnlyList<double> xs, double? bandwidth = null)
    {
        Require.NotEmpty(samples, nameof(samples));
        Require.NotNull(xs, nameof(xs));
        for (int i = 0; i < samples.Length; i++)
            if (!double.IsFinite(samples[i]))
                throw new ArgumentException(
                    $"samples[{i}] = {Require.Show(samples[i])}: every sample must be finite (a generator that diverged gives NaN or ∞).", nameof(samples));
        double h = bandwidth ?? SilvermanBandwidth(samples);
        if (!(h > 0) || !double.IsFinite(h))
            throw new ArgumentOutOfRangeException(nameof(bandwidth), h,
                $"bandwidth = {Require.Show(h)}: it must be a positive finite number" +
                (bandwidth is null ? " (all samples are equal, so Silverman's rule gives 0: pass a bandwidth)." : "."));
        var sorted = samples.ToArray();
        Array.Sort(sorted);
        double norm = 1 / (sorted.Length * h * System.Math.Sqrt(2 * System.Math.PI));
        double reach = 8 * h; // kernels beyond 8h contribute less than 1e-14 of their peak
        var density = new double[xs.Count];
        for (int k = 0; k < density.Length; k++)
        {
            double x = xs[k], sum = 0;
            int start = LowerBound(sorted, x - reach);
            for (int i = start; i < sorted.Length && sorted[i] <= x + reach; i++)
            {
                double u = (x - sorted[i]) / h;
                sum += System.Math.Exp(-0.5 * u * u);
            }
            density[k] = sum * norm;
        }
        return density;
    }

    /// <summary>The estimate from a [n] or [n, 1] tensor of samples (e.g. a generator's output).</summary>
    public static double[] Estimate(Tensor samples, IReadOnlyList<double> xs, double? bandwidth = null)
    {
        Require.NotNull(samples, nameof(samples));
        if (!(samples.ndim == 1 || (samples.ndim == 2 && samples.shape[1] == 1)))
            throw new ArgumentException(
                $"samples has shape [{string.Join(", ", samples.shape)}]; pass 1-D samples as [n] or [n, 1].", nameof(samples));
        using var values = samples.detach().cpu().to_type(ScalarType.Float64).reshape(-1).contiguous();
        return Estimate(values.data<double>().ToArray(), xs, bandwidth);
    }

    /// <summary>Silverman's rule of thumb: 0.9 · min(s, IQR/1.34) · n^(−1/5) (s, the sample standard deviation, when the IQR is 0).</summary>
    public static double SilvermanBandwidth(IReadOnlyList<double> samples)
    {
        Require.NotEmpty(samples, nameof(samples));
        int n = samples.Count;
        if (n < 2) throw new ArgumentException("Silverman's rule needs at least 2 samples; pass a bandwidth for a single sample.", nameof(samples));
        double mean = samples.Average();
        double s = System.Math.Sqrt(samples.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var sorted = samples.OrderBy(v => v).ToArray();
        double iqr = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        double spread = iqr > 0 ? System.Math.Min(s, iqr / 1.34) : s;
        return 0.9 * spread * System.Math.Pow(n, -0.2);
    }

    /// <summary>Linear-interpolation quantile of sorted values (numpy's default).</summary>
    private static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)System.Math.Floor(pos);
        int hi = System.Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Index of the first element ≥ <paramref name="value"/>.</summary>
    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
