using static GanCourse.PlotlyFigure;

namespace GanCourse;

/// <summary>One-line charts (<see cref="Figure"/>s) for the course's notebooks (training curves, images, densities, metrics).</summary>
/// <remarks>Introduced in notebook 00.</remarks>
public static partial class Plot
{
    /// <summary>
    /// Discriminator and generator losses per step: the raw values faint (not in the legend), their trailing moving average over
    /// <paramref name="smoothing"/> steps bold (1: raw lines only). <paramref name="steps"/> gives the x values
    /// (default 0, 1, 2, ...).
    /// </summary>
    /// <remarks>Introduced in notebook 01.</remarks>
    public static Figure Losses(
        IReadOnlyList<double> dLoss, IReadOnlyList<double> gLoss, int smoothing = 20, IReadOnlyList<double>? steps = null,
        string title = "Discriminator and generator losses")
    {
        CheckSeries(dLoss, nameof(dLoss), gLoss, nameof(gLoss), steps);
        var traces = SmoothedPair("D loss", dLoss, PlotTheme.Discriminator, "G loss", gLoss, PlotTheme.Generated, smoothing, steps);
        return Chart(Layout(title, Axis("step"), Axis("loss"), extra: ("hovermode", "x unified")), traces);
    }

    /// <inheritdoc cref="Losses(IReadOnlyList{double}, IReadOnlyList{double}, int, IReadOnlyList{double}?, string)"/>
    /// <remarks>Introduced in notebook 01.</remarks>
    public static Figure Losses(
        IReadOnlyList<float> dLoss, IReadOnlyList<float> gLoss, int smoothing = 20, IReadOnlyList<double>? steps = null,
        string title = "Discriminator and generator losses")
        => Losses(Widen(dLoss, nameof(dLoss)), Widen(gLoss, nameof(gLoss)), smoothing, steps, title);

    /// <summary>
    /// Mean D(x) on real and mean D(G(z)) on generated samples per step, with the equilibrium D = ½ dashed: both
    /// curves near ½ mean D cannot tell the two apart. Smoothing as in <see cref="Losses(IReadOnlyList{double}, IReadOnlyList{double}, int, IReadOnlyList{double}?, string)"/>.
    /// </summary>
    /// <remarks>Introduced in notebook 01.</remarks>
    public static Figure DiscriminatorOutputs(
        IReadOnlyList<double> dReal, IReadOnlyList<double> dFake, int smoothing = 20, IReadOnlyList<double>? steps = null,
        string title = "Discriminator outputs: D(x) and D(G(z))")
    {
        CheckSeries(dReal, nameof(dReal), dFake, nameof(dFake), steps);
        var traces = SmoothedPair("D(x), real", dReal, PlotTheme.Real, "D(G(z)), generated", dFake, PlotTheme.Generated, smoothing, steps);
        double first = steps?[0] ?? 0, last = steps?[^1] ?? dReal.Count - 1;
        traces.Add(Line("equilibrium D = ½", [first, last], [0.5, 0.5], PlotTheme.Reference, width: 1.5, dash: "dash"));
        return Chart(Layout(title, Axis("step"), Axis("mean discriminator output", ("range", new[] { -0.02, 1.02 })),
            extra: ("hovermode", "x unified")), traces);
    }

    /// <inheritdoc cref="DiscriminatorOutputs(IReadOnlyList{double}, IReadOnlyList{double}, int, IReadOnlyList{double}?, string)"/>
    /// <remarks>Introduced in notebook 01.</remarks>
    public static Figure DiscriminatorOutputs(
        IReadOnlyList<float> dReal, IReadOnlyList<float> dFake, int smoothing = 20, IReadOnlyList<double>? steps = null,
        string title = "Discriminator outputs: D(x) and D(G(z))")
        => DiscriminatorOutputs(Widen(dReal, nameof(dReal)), Widen(dFake, nameof(dFake)), smoothing, steps, title);

    static double[] Widen(IReadOnlyList<float> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        var result = new double[values.Count];
        for (int i = 0; i < result.Length; i++) result[i] = values[i];
        return result;
    }

    /// <summary>Trailing moving average over <paramref name="window"/> points (fewer at the start).</summary>
    public static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "The smoothing window must be at least 1 step.");
        var result = new double[values.Count];
        double sum = 0;
        int finite = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i])) { sum += values[i]; finite++; }
            if (i >= window && double.IsFinite(values[i - window])) { sum -= values[i - window]; finite--; }
            result[i] = finite > 0 ? sum / finite : double.NaN;
        }
        return result;
    }

    static List<Trace> SmoothedPair(
        string nameA, IReadOnlyList<double> a, string colorA, string nameB, IReadOnlyList<double> b, string colorB,
        int smoothing, IReadOnlyList<double>? steps)
    {
        if (smoothing < 1) throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "smoothing is a window in steps and must be at least 1 (1: no smoothing).");
        if (smoothing == 1)
            return [Line(nameA, steps, a, colorA), Line(nameB, steps, b, colorB)];
        // Raw lines stay out of the legend; each shares a legend group with its bold mean, so one click hides both.
        var rawA = Line($"{nameA} (raw)", steps, a, colorA, width: 1, opacity: 0.3, showLegend: false);
        var rawB = Line($"{nameB} (raw)", steps, b, colorB, width: 1, opacity: 0.3, showLegend: false);
        var meanA = Line($"{nameA} ({smoothing}-step mean)", steps, MovingAverage(a, smoothing), colorA, width: 2.5);
        var meanB = Line($"{nameB} ({smoothing}-step mean)", steps, MovingAverage(b, smoothing), colorB, width: 2.5);
        rawA["legendgroup"] = nameA;
        meanA["legendgroup"] = nameA;
        rawB["legendgroup"] = nameB;
        meanB["legendgroup"] = nameB;
        return [rawA, rawB, meanA, meanB];
    }

    static void CheckSeries(IReadOnlyList<double> a, string nameA, IReadOnlyList<double> b, string nameB, IReadOnlyList<double>? steps)
    {
        ArgumentNullException.ThrowIfNull(a, nameA);
        ArgumentNullException.ThrowIfNull(b, nameB);
        if (a.Count == 0) throw new ArgumentException($"{nameA} is empty; record at least one step before plotting.", nameA);
        if (a.Count != b.Count)
            throw new ArgumentException($"{nameA} has {a.Count} values but {nameB} has {b.Count}; both need one value per step.", nameB);
        if (steps != null && steps.Count != a.Count)
            throw new ArgumentException($"steps has {steps.Count} values but the series have {a.Count}; give one x value per step.", nameof(steps));
    }
}
