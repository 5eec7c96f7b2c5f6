using System.Globalization;

namespace GanCourse;

/// <summary>
/// A Monte Carlo estimate: the sample mean <see cref="Value"/>, its standard error (sample standard deviation / √n)
/// and the number of samples. The true value lies within ±2 standard errors about 95% of the time.
/// </summary>
public sealed record MonteCarloEstimate(double Value, double StandardError, int Samples)
{
    /// <summary>Mean and standard error of the values.</summary>
    internal static MonteCarloEstimate FromValues(IReadOnlyList<double> values)
    {
        int n = values.Count;
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= n;
        if (!double.IsFinite(mean)) return new MonteCarloEstimate(mean, double.NaN, n);
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        double se = n > 1 ? System.Math.Sqrt(ss / (n - 1) / n) : double.NaN;
        return new MonteCarloEstimate(mean, se, n);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Value:G6} ± {StandardError:G2} (n = {Samples})");
}
