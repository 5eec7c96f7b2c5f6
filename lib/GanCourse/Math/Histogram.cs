namespace GanCourse;

/// <summary>
/// Samples counted in equal-width bins over [start, end), scaled to a density estimate: bin height =
/// count / (total samples · bin width), so the bars have area 1 when every sample falls inside the range (the area is
/// the fraction inside otherwise). Compare it with an exact density, or with another histogram on the same bins.
/// </summary>
/// <remarks>Introduced in notebook 00.</remarks>
public sealed class Histogram
{
    private readonly int[] counts;
    private readonly double[] centers, densities;

    private Histogram(double start, double end, int[] counts, int total)
    {
        Start = start;
        End = end;
        this.counts = counts;
        Total = total;
        BinWidth = (end - start) / counts.Length;
        centers = new double[counts.Length];
        densities = new double[counts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            centers[i] = start + (i + 0.5) * BinWidth;
            densities[i] = counts[i] / (total * BinWidth);
        }
    }

    /// <summary>
    /// Counts <paramref name="samples"/> in <paramref name="bins"/> equal bins over [<paramref name="start"/>,
    /// <paramref name="end"/>) (the last bin also takes x = end). Samples outside the range, or NaN, are counted in
    /// <see cref="Outside"/> but in no bin.
    /// </summary>
    public static Histogram Of(IReadOnlyList<double> samples, double start, double end, int bins)
    {
        Require.NotEmpty(samples, nameof(samples));
        Require.Finite(start, nameof(start));
        Require.Finite(end, nameof(end));
        if (!(end > start))
            throw new ArgumentException($"end = {Require.Show(end)} must be greater than start = {Require.Show(start)}.", nameof(end));
        if (bins < 1)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "A histogram needs at least 1 bin (a few dozen suit a few thousand samples).");
        var counts = new int[bins];
        double width = (end - start) / bins;
        foreach (double x in samples)
        {
            if (!(x >= start && x <= end)) continue;
            int i = System.Math.Min((int)((x - start) / width), bins - 1);
            counts[i]++;
        }
        return new Histogram(start, end, counts, samples.Count);
    }

    /// <summary>The same, from float samples (e.g. a generator's output read from a tensor).</summary>
    public static Histogram Of(IReadOnlyList<float> samples, double start, double end, int bins)
    {
        Require.NotNull(samples, nameof(samples));
        return Of(samples.Select(v => (double)v).ToArray(), start, end, bins);
    }

    /// <summary>Left edge of the first bin.</summary>
    public double Start { get; }

    /// <summary>Right edge of the last bin.</summary>
    public double End { get; }

    /// <summary>Width of every bin.</summary>
    public double BinWidth { get; }

    /// <summary>Number of bins.</summary>
    public int Bins => counts.Length;

    /// <summary>Number of samples given, inside the range or not.</summary>
    public int Total { get; }

    /// <summary>Samples outside [Start, End] (or NaN), counted in no bin.</summary>
    public int Outside => Total - counts.Sum();

    /// <summary>Samples in each bin.</summary>
    public IReadOnlyList<int> Counts => counts;

    /// <summary>Middle of each bin.</summary>
    public IReadOnlyList<double> Centers => centers;

    /// <summary>Density estimate in each bin: count / (Total · BinWidth).</summary>
    public IReadOnlyList<double> Densities => densities;

    /// <summary>
    /// The largest |histogram − density| over the bins, comparing each bar with the exact density averaged over its
    /// bin (Simpson's rule), so a perfect sampler scores only its sampling noise, not the density's curvature.
    /// </summary>
    public double MaxGapTo(Func<double, double> density)
    {
        Require.NotNull(density, nameof(density));
        double gap = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double a = Start + i * BinWidth, b = a + BinWidth;
            double binAverage = (density(a) + 4 * density(0.5 * (a + b)) + density(b)) / 6;
            gap = System.Math.Max(gap, System.Math.Abs(densities[i] - binAverage));
        }
        return gap;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Histogram({Require.Show(Start)} .. {Require.Show(End)}, {Bins} bins of width {Require.Show(BinWidth)}, {Total} samples, {Outside} outside)";
}
