using System.Globalization;
using static GanCourse.PlotlyFigure;

namespace GanCourse;

public static partial class Plot
{
    /// <summary>
    /// One experiment repeated over seeds, per series: the mean over the seeds as a line and, shaded in the same colour,
    /// the band from the smallest to the largest seed's value. Where a seed has no value (NaN, e.g. after a run
    /// diverged) the mean has a gap; the band covers the seeds that still have values.
    /// </summary>
    /// <remarks>Introduced in notebook 05.</remarks>
    /// <param name="title">The chart's title.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    /// <param name="logY">True for a logarithmic y axis (values ≤ 0 are left out).</param>
    /// <param name="series">(name, x, runs): runs[s][i] is seed s's value at x[i]; every run as long as x.</param>
    public static Figure SeedBands(string title, string xTitle, string yTitle, bool logY, params (string Name, double[] X, double[][] Runs)[] series)
    {
        Require.NotEmpty(series, nameof(series));
        var traces = new List<Trace>();
        for (int k = 0; k < series.Length; k++)
        {
            var (name, x, runs) = series[k];
            Require.NotEmpty(x, $"the x values of series \"{name}\"");
            Require.NotEmpty(runs, $"the runs of series \"{name}\"");
            for (int s = 0; s < runs.Length; s++)
                if (runs[s] is null || runs[s].Length != x.Length)
                    throw new ArgumentException(
                        $"Series \"{name}\": run {s} has {runs[s]?.Length.ToString(CultureInfo.InvariantCulture) ?? "no"} values but there are {x.Length} x values; give every run one value per x.",
                        nameof(series));
            double Value(double v) => logY && !(v > 0) ? double.NaN : v;
            var at = Enumerable.Range(0, x.Length).Select(i => runs.Select(r => Value(r[i])).ToArray()).ToArray();
            double[] mean = at.Select(v => v.All(double.IsFinite) ? v.Average() : double.NaN).ToArray();
            double[] low = at.Select(v => v.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min()).ToArray();
            double[] high = at.Select(v => v.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max()).ToArray();
            string color = PlotTheme.SeriesColor(k);
            traces.Add(Line($"{name} (highest seed)", x, high, color, width: 0, showLegend: false));
            var band = Line($"{name}: lowest to highest of {runs.Length} seeds", x, low, color, width: 0, showLegend: false);
            band["fill"] = "tonexty";
            band["fillcolor"] = Translucent(color);
            traces.Add(band);
            traces.Add(Line($"{name} (mean of {runs.Length} seeds)", x, mean, color));
        }
        var yAxis = logY ? Axis(yTitle, ("type", "log"), ("exponentformat", "power")) : Axis(yTitle);
        return Chart(Layout(title, Axis(xTitle), yAxis), traces.ToArray());
    }

    // "#1f77b4" → "rgba(31,119,180,0.2)": the band's fill, light enough for the lines to show through.
    static string Translucent(string hex) =>
        string.Create(CultureInfo.InvariantCulture,
            $"rgba({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)},0.2)");
}
