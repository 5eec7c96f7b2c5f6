using static GanCourse.PlotlyFigure;

namespace GanCourse;

public static partial class Plot
{
    /// <summary>
    /// Grouped bars: for each category, one bar per series side by side (colours from <see cref="PlotTheme.Series"/>),
    /// e.g. two distributions over the same outcomes, or P(y | x) for several x.
    /// </summary>
    public static Figure Bars(
        string title, IReadOnlyList<string> categories, IReadOnlyList<(string Name, double[] Values)> series,
        string xTitle = "outcome", string yTitle = "probability")
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (categories.Count == 0) throw new ArgumentException("categories is empty; pass at least one category.", nameof(categories));
        if (series.Count == 0) throw new ArgumentException("series is empty; pass at least one (name, values) pair.", nameof(series));
        var traces = series.Select((s, i) =>
        {
            if (s.Values is null || s.Values.Length != categories.Count)
                throw new ArgumentException(
                    $"Series \"{s.Name}\" has {s.Values?.Length.ToString() ?? "no"} values but there are {categories.Count} categories; pass one value per category.",
                    nameof(series));
            return Trace("bar", ("name", s.Name), ("x", categories.ToArray()), ("y", Compact(s.Values)),
                ("marker", Obj(("color", PlotTheme.SeriesColor(i)))));
        }).ToArray();
        return Chart(Layout(title, Axis(xTitle, ("type", "category")), Axis(yTitle), extra: ("barmode", "group")), traces);
    }
}
