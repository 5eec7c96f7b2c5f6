using static GanCourse.PlotlyFigure;

namespace GanCourse;

public static partial class Plot
{
    /// <summary>Any number of named line series (colours from <see cref="PlotTheme.Series"/>), titled and labelled.</summary>
    public static Figure Lines(string title, string xTitle, string yTitle, params (string Name, double[] X, double[] Y)[] series) =>
        Chart(Layout(title, Axis(xTitle), Axis(yTitle)), LineTraces(series, y => y));

    /// <summary>One line per (name, x, y) series in the theme's series colours, y mapped through <paramref name="y"/>.</summary>
    static Trace[] LineTraces((string Name, double[] X, double[] Y)[] series, Func<double, double> y)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("Pass at least one (name, x, y) series.", nameof(series));
        return series.Select((s, i) =>
        {
            if (s.X == null || s.Y == null || s.X.Length != s.Y.Length)
                throw new ArgumentException(
                    $"Series \"{s.Name}\" has {s.X?.Length.ToString() ?? "null"} x values and {s.Y?.Length.ToString() ?? "null"} y values; they must be equally long.",
                    nameof(series));
            return Line(s.Name, s.X, s.Y.Select(y).ToArray(), PlotTheme.SeriesColor(i));
        }).ToArray();
    }

    /// <summary>A bar chart of <paramref name="values"/> per category (e.g. a class histogram).</summary>
    /// <remarks>Introduced in notebook 06.</remarks>
    public static Figure Bar(
        string title, IReadOnlyList<string> categories, IReadOnlyList<double> values, string xTitle = "class", string yTitle = "count",
        string color = PlotTheme.Generated)
    {
        var (layout, bar) = BarParts(title, categories, values, xTitle, yTitle, color);
        return Chart(layout, bar);
    }

    static (Layout, Trace) BarParts(
        string title, IReadOnlyList<string> categories, IReadOnlyList<double> values, string xTitle, string yTitle, string color)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(values);
        if (categories.Count == 0 || categories.Count != values.Count)
            throw new ArgumentException(
                $"categories has {categories.Count} entries and values {values.Count}; pass one value per category (at least one).", nameof(values));
        var bar = Trace("bar", ("name", yTitle), ("x", categories.ToArray()), ("y", Compact(values)), ("marker", Obj(("color", color))));
        return (Layout(title, Axis(xTitle, ("type", "category")), Axis(yTitle), extra: ("showlegend", false)), bar);
    }

    /// <summary>
    /// The class histogram of a <see cref="ModeCoverage.OfImages"/> result as shares of the samples, with the
    /// uniform share (1/classes) and the coverage threshold dashed. <paramref name="classNames"/> label the bars.
    /// </summary>
    /// <remarks>Introduced in notebook 07.</remarks>
    public static Figure Coverage(ImageCoverage coverage, IReadOnlyList<string>? classNames = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var names = classNames ?? Enumerable.Range(0, coverage.Classes).Select(i => i.ToString()).ToArray();
        if (names.Count != coverage.Classes)
            throw new ArgumentException($"classNames has {names.Count} names but the classifier has {coverage.Classes} classes.", nameof(classNames));
        var (layout, bar) = BarParts(title ?? $"Predicted classes: {coverage.Covered}/{coverage.Classes} covered", names, coverage.Shares,
            "class", "share of samples", PlotTheme.Generated);
        layout["shapes"] = new object[]
        {
            ReferenceLine(1.0 / coverage.Classes, PlotTheme.Real),
            ReferenceLine(coverage.MinShare, PlotTheme.Reference),
        };
        layout["annotations"] = new object[]
        {
            LineLabel(1.0 / coverage.Classes, "uniform"),
            LineLabel(coverage.MinShare, $"covered ≥ {coverage.MinShare * 100:0.##}%"),
        };
        return Chart(layout, bar);
    }

    static Dictionary<string, object> ReferenceLine(double y, string color) => Obj(
        ("type", "line"), ("xref", "paper"), ("x0", 0), ("x1", 1), ("yref", "y"), ("y0", y), ("y1", y),
        ("line", Obj(("color", color), ("width", 1.5), ("dash", "dash"))));

    static Dictionary<string, object> LineLabel(double y, string text) => Obj(
        ("xref", "paper"), ("x", 1), ("xanchor", "right"), ("yref", "y"), ("y", y), ("yanchor", "bottom"),
        ("text", text), ("showarrow", false), ("font", Obj(("size", PlotTheme.FontSize - 2), ("color", "#555555"))));
}
