using Plotly.NET;
using static GanCourse.PlotlyFigure;

namespace GanCourse;

public static partial class Plot
{
    /// <summary>
    /// Like <see cref="Lines"/>, on a logarithmic y axis: for quantities spanning several orders of magnitude (a
    /// divergence that blows up beside one that stays bounded). Values &lt;= 0 or infinite have no logarithm and are
    /// left out of the curve (drawn as gaps).
    /// </summary>
    public static GenericChart LogLines(string title, string xTitle, string yTitle, params (string Name, double[] X, double[] Y)[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("Pass at least one (name, x, y) series.", nameof(series));
        var traces = series.Select((s, i) =>
        {
            if (s.X == null || s.Y == null || s.X.Length != s.Y.Length)
                throw new ArgumentException(
                    $"Series \"{s.Name}\" has {s.X?.Length.ToString() ?? "null"} x values and {s.Y?.Length.ToString() ?? "null"} y values; they must be equally long.",
                    nameof(series));
            double[] positive = s.Y.Select(v => v > 0 ? v : double.NaN).ToArray();
            return Line(s.Name, s.X, positive, PlotTheme.SeriesColor(i));
        }).ToArray();
        return Chart(Layout(title, Axis(xTitle), Axis(yTitle, ("type", "log"), ("exponentformat", "power"))), traces);
    }
}
