using System.Globalization;

namespace GanCourse;

/// <summary>
/// Builds <see cref="Figure"/>s from plotly.js attributes (names exactly as in the plotly.js reference). Nested
/// attributes are dictionaries; null values are left out.
/// </summary>
internal static class PlotlyFigure
{
    /// <summary>A plotly.js object: the non-null attributes given.</summary>
    internal static Dictionary<string, object> Obj(params (string Key, object? Value)[] attributes)
    {
        var result = new Dictionary<string, object>();
        foreach (var (key, value) in attributes)
            if (value != null) result[key] = value;
        return result;
    }

    /// <summary>A trace of plotly.js type <paramref name="type"/> ("scatter", "heatmap", "bar", ...).</summary>
    internal static Trace Trace(string type, params (string Key, object? Value)[] attributes)
    {
        var trace = new Trace { ["type"] = type };
        foreach (var (key, value) in attributes)
            if (value != null) trace[key] = value;
        return trace;
    }

    /// <summary>A line (or marker) trace of <paramref name="y"/> against <paramref name="x"/> (index when null).</summary>
    internal static Trace Line(
        string name, IReadOnlyList<double>? x, IReadOnlyList<double> y, string color,
        double width = 2, string? dash = null, double opacity = 1, bool showLegend = true, string mode = "lines")
        => Trace("scatter",
            ("name", name), ("mode", mode), ("x", x == null ? null : Compact(x)), ("y", Compact(y)),
            ("line", Obj(("color", color), ("width", width), ("dash", dash))),
            ("marker", mode.Contains("markers") ? Obj(("color", color), ("size", 6)) : null),
            ("opacity", opacity < 1 ? opacity : null), ("showlegend", showLegend));

    /// <summary>An axis in the course theme: titled, light grid, outside ticks.</summary>
    internal static Dictionary<string, object> Axis(string title, params (string Key, object? Value)[] extra)
    {
        var axis = Obj(
            ("title", Obj(("text", title), ("standoff", 8))),
            ("showgrid", true), ("gridcolor", "#e8e8e8"), ("zeroline", false),
            ("showline", true), ("linecolor", "#555555"), ("ticks", "outside"), ("tickcolor", "#555555"),
            ("automargin", true));
        foreach (var (key, value) in extra)
            if (value != null) axis[key] = value;
        return axis;
    }

    /// <summary>The course layout: white, readable fonts, title top-left, legend inside the top right.</summary>
    internal static Layout Layout(
        string title, Dictionary<string, object> xAxis, Dictionary<string, object> yAxis,
        int? width = null, int height = 420, params (string Key, object? Value)[] extra)
    {
        var layout = new Layout();
        void Set(string key, object? value) { if (value != null) layout[key] = value; }
        Set("title", Obj(("text", title), ("x", 0.02), ("xanchor", "left"),
            ("font", Obj(("size", PlotTheme.FontSize + 4)))));
        Set("font", Obj(("family", PlotTheme.FontFamily), ("size", PlotTheme.FontSize), ("color", "#222222")));
        Set("paper_bgcolor", "white");
        Set("plot_bgcolor", "white");
        Set("xaxis", xAxis);
        Set("yaxis", yAxis);
        Set("legend", Obj(("bgcolor", "rgba(255,255,255,0.85)"), ("bordercolor", "#dddddd"), ("borderwidth", 1)));
        Set("margin", Obj(("l", 70), ("r", 30), ("t", 60), ("b", 60)));
        Set("width", width);
        Set("height", height);
        foreach (var (key, value) in extra) Set(key, value);
        return layout;
    }

    /// <summary>The chart of <paramref name="traces"/> with <paramref name="layout"/>.</summary>
    internal static Figure Chart(Layout layout, params Trace[] traces) => Chart(layout, traces, modeBar: true);

    /// <summary>
    /// As <see cref="Chart(Layout, Trace[])"/>; <paramref name="modeBar"/> false hides plotly's zoom/pan toolbar
    /// (image grids, where it would cover the title of a narrow chart).
    /// </summary>
    internal static Figure Chart(Layout layout, IEnumerable<Trace> traces, bool modeBar = true)
    {
        var config = Obj(("responsive", true), ("displaylogo", false), ("displayModeBar", modeBar ? null : false));
        return new Figure(traces, layout, config);
    }

    /// <summary>
    /// Values rounded to 5 significant digits (charts stay exact to the eye and their JSON a third of the size);
    /// NaN and infinities become null, which plotly.js draws as a gap and which keeps the JSON valid.
    /// </summary>
    internal static double?[] Compact(IReadOnlyList<double> values)
    {
        var result = new double?[values.Count];
        for (int i = 0; i < result.Length; i++) result[i] = Compact(values[i]);
        return result;
    }

    /// <inheritdoc cref="Compact(IReadOnlyList{double})"/>
    internal static double? Compact(double value) =>
        double.IsFinite(value) ? double.Parse(value.ToString("G5", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

    /// <summary>Evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> inclusive.</summary>
    internal static double[] Linspace(double start, double stop, int count) =>
        Enumerable.Range(0, count).Select(i => start + (stop - start) * i / (count - 1)).ToArray();
}

/// <summary>A plotly.js trace: its attributes by name ("type", "x", "y", "marker", ...).</summary>
sealed class Trace : Dictionary<string, object>
{
    /// <summary>A copy of <paramref name="source"/>'s attributes (nested objects shared).</summary>
    internal static Trace CopyOf(IReadOnlyDictionary<string, object> source)
    {
        var copy = new Trace();
        foreach (var (key, value) in source) copy[key] = value;
        return copy;
    }
}

/// <summary>A plotly.js layout: its attributes by name ("title", "xaxis", "legend", ...).</summary>
sealed class Layout : Dictionary<string, object>
{
    /// <summary>A copy of <paramref name="source"/>'s attributes (nested objects shared).</summary>
    internal static Layout CopyOf(IReadOnlyDictionary<string, object> source)
    {
        var copy = new Layout();
        foreach (var (key, value) in source) copy[key] = value;
        return copy;
    }
}
