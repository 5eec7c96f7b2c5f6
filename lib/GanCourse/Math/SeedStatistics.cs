using System.Globalization;

namespace GanCourse;

/// <summary>
/// A result repeated over several seeds, summarised: the mean, the sample standard deviation across the seeds
/// (n − 1; 0 for a single value) and the lowest and highest value. Printed as "mean ± sd".
/// </summary>
/// <remarks>Introduced in notebook 06.</remarks>
public sealed record SeedStatistics(double Mean, double StandardDeviation, double Min, double Max, int Count)
{
    /// <summary>Summarises <paramref name="values"/> (one per seed, at least one, all finite).</summary>
    public static SeedStatistics Of(IReadOnlyList<double> values)
    {
        Require.NotEmpty(values, nameof(values));
        foreach (double v in values) Require.Finite(v, nameof(values));
        double mean = values.Average();
        double sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new SeedStatistics(mean, sd, values.Min(), values.Max(), values.Count);
    }

    /// <summary>"mean ± sd" with both numbers in <paramref name="format"/> (e.g. "0.0").</summary>
    public string ToString(string format) =>
        $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {StandardDeviation.ToString(format, CultureInfo.InvariantCulture)}";

    /// <inheritdoc/>
    public override string ToString() => ToString("0.##");
}
