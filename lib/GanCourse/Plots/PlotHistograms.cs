using static GanCourse.PlotlyFigure;

namespace GanCourse;

public static partial class Plot
{
    /// <summary>
    /// A <see cref="GanCourse.Histogram"/> as bars (orange, area = fraction of samples in range), optionally with a
    /// density curve (blue) over <paramref name="xs"/> to compare with, e.g. the exact density the samples came from.
    /// </summary>
    public static Figure Histogram(
        Histogram histogram, string title, IReadOnlyList<double>? xs = null, IReadOnlyList<double>? density = null,
        string densityName = "density", string samplesName = "samples", string xTitle = "x", string yTitle = "density")
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var traces = new List<Trace> { Bars(histogram, samplesName, PlotTheme.Generated, "x", "y", showLegend: true) };
        if (DensityCurve(xs, density, densityName, "x", "y", showLegend: true) is { } curve) traces.Add(curve);
        return Chart(Layout(title, Axis(xTitle), Axis(yTitle), extra: ("bargap", 0)), traces);
    }

    /// <summary>
    /// Small multiples: one histogram per panel (e.g. a generator's samples at several training steps), each with the
    /// same reference density over <paramref name="xs"/>, on shared axes so the panels compare at a glance.
    /// </summary>
    /// <remarks>Introduced in notebook 01.</remarks>
    public static Figure HistogramPanels(
        IReadOnlyList<(string Label, Histogram Histogram)> panels, IReadOnlyList<double>? xs, IReadOnlyList<double>? density,
        string title, int columns = 4, string densityName = "density", string samplesName = "samples", string xTitle = "x",
        string yTitle = "density")
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0) throw new ArgumentException("panels is empty; pass at least one (label, histogram) pair.", nameof(panels));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be at least 1.");
        for (int i = 0; i < panels.Count; i++)
            if (panels[i].Histogram is null) throw new ArgumentException($"panels[{i}] has no histogram.", nameof(panels));
        int cols = System.Math.Min(columns, panels.Count), rows = (panels.Count + cols - 1) / cols;
        double tallest = panels.SelectMany(p => p.Histogram.Densities).Concat(density?.Where(double.IsFinite) ?? []).DefaultIfEmpty(1).Max();
        double xLow = System.Math.Min(panels.Min(p => p.Histogram.Start), xs?.Min() ?? double.PositiveInfinity);
        double xHigh = System.Math.Max(panels.Max(p => p.Histogram.End), xs?.Max() ?? double.NegativeInfinity);
        const double gapX = 0.04, gapY = 0.12;
        double width = (1 - gapX * (cols - 1)) / cols, height = (1 - gapY * (rows - 1)) / rows;

        var traces = new List<Trace>();
        var extra = new List<(string, object?)> { ("bargap", 0) };
        var annotations = new List<object>();
        Dictionary<string, object>? firstX = null, firstY = null;
        for (int i = 0; i < panels.Count; i++)
        {
            int r = i / cols, c = i % cols;
            string suffix = i == 0 ? "" : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string xRef = "x" + suffix, yRef = "y" + suffix;
            double x0 = c * (width + gapX), y1 = 1 - r * (height + gapY);
            var xAxis = Axis(r == rows - 1 ? xTitle : "", ("domain", new[] { x0, x0 + width }), ("range", new[] { xLow, xHigh }),
                ("anchor", yRef));
            var yAxis = Axis(c == 0 ? yTitle : "", ("domain", new[] { y1 - height, y1 }), ("range", new[] { 0, tallest * 1.05 }),
                ("anchor", xRef));
            if (i == 0) { firstX = xAxis; firstY = yAxis; }
            else { extra.Add(("xaxis" + suffix, xAxis)); extra.Add(("yaxis" + suffix, yAxis)); }
            traces.Add(Bars(panels[i].Histogram, samplesName, PlotTheme.Generated, xRef, yRef, showLegend: i == 0));
            if (DensityCurve(xs, density, densityName, xRef, yRef, showLegend: i == 0) is { } curve) traces.Add(curve);
            annotations.Add(Obj(("text", panels[i].Label), ("showarrow", false), ("xref", "paper"), ("yref", "paper"),
                ("x", x0 + width / 2), ("xanchor", "center"), ("y", y1), ("yanchor", "bottom"),
                ("font", Obj(("size", PlotTheme.FontSize)))));
        }
        extra.Add(("annotations", annotations.ToArray()));
        // The legend goes in a strip between the title and the panel labels.
        const int top = 110, bottom = 60;
        int chartHeight = top + bottom + 230 * rows;
        var layout = Layout(title, firstX!, firstY!, width: System.Math.Max(640, 260 * cols), height: chartHeight, extra: extra.ToArray());
        layout["margin"] = Obj(("l", 70), ("r", 30), ("t", top), ("b", bottom));
        layout["title"] = Obj(("text", title), ("x", 0.02), ("xanchor", "left"), ("yref", "container"),
            ("y", 1 - 16.0 / chartHeight), ("yanchor", "top"), ("font", Obj(("size", PlotTheme.FontSize + 4))));
        layout["legend"] = Obj(("orientation", "h"), ("x", 0), ("xanchor", "left"), ("y", 1 + 34.0 / (chartHeight - top - bottom)),
            ("yanchor", "bottom"), ("bgcolor", "rgba(255,255,255,0.85)"));
        return Chart(layout, traces);
    }

    static Trace Bars(Histogram h, string name, string color, string xRef, string yRef, bool showLegend) => Trace("bar",
        ("name", name), ("x", Compact(h.Centers)), ("y", Compact(h.Densities)), ("width", h.BinWidth),
        ("marker", Obj(("color", color), ("line", Obj(("width", 0))))), ("opacity", 0.6),
        ("xaxis", xRef), ("yaxis", yRef), ("showlegend", showLegend), ("legendgroup", name));

    static Trace? DensityCurve(IReadOnlyList<double>? xs, IReadOnlyList<double>? density, string name, string xRef, string yRef, bool showLegend)
    {
        if (xs is null && density is null) return null;
        if (xs is null || density is null)
            throw new ArgumentException("Pass both xs and density (one value per x) to draw a density curve, or neither.",
                xs is null ? nameof(xs) : nameof(density));
        if (xs.Count != density.Count || xs.Count < 2)
            throw new ArgumentException($"xs has {xs.Count} values and density {density.Count}; pass one density value per x (at least 2).",
                nameof(density));
        var line = Line(name, xs, density, PlotTheme.Real, width: 2.5, showLegend: showLegend);
        line["xaxis"] = xRef;
        line["yaxis"] = yRef;
        line["legendgroup"] = name;
        return line;
    }
}
