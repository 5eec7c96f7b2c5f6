using static GanCourse.PlotlyFigure;

namespace GanCourse;

public static partial class Plot
{
    /// <summary>
    /// Several charts made by <see cref="Plot"/> side by side in one figure (row by row, <paramref name="columns"/> per
    /// row), each keeping its traces, axis titles and ranges, with its own title above it and <paramref name="title"/>
    /// over all. A legend entry that repeats in later panels (same name) is shown once. The charts passed in are not
    /// changed.
    /// </summary>
    /// <remarks>Introduced in notebook 03.</remarks>
    public static Figure Panels(string title, int columns, params Figure[] panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Length == 0) throw new ArgumentException("Pass at least one chart to arrange in panels.", nameof(panels));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be at least 1 (panels per row).");
        for (int i = 0; i < panels.Length; i++)
            if (panels[i] is null) throw new ArgumentNullException(nameof(panels), $"panels[{i}] is null; pass a chart for every panel.");
        columns = System.Math.Min(columns, panels.Length);
        int rows = (panels.Length + columns - 1) / columns;
        // Pixel budget: each row gets rowHeight; the margins hold the figure title (top) and the legend (bottom).
        const double gapX = 0.08, rowHeight = 340, marginTop = 80, marginBottom = 110, titlePad = 34, axisPad = 56;
        double plotHeight = rows * rowHeight;
        double cellW = 1.0 / columns, cellH = 1.0 / rows;

        var traces = new List<Trace>();
        var shownNames = new HashSet<string>();
        var annotations = new List<object>();
        var layout = Layout(title, Axis(""), Axis(""), height: (int)(plotHeight + marginTop + marginBottom));
        layout["margin"] = Obj(("l", 70), ("r", 30), ("t", marginTop), ("b", marginBottom));
        for (int i = 0; i < panels.Length; i++)
        {
            int row = i / columns, col = i % columns;
            string suffix = i == 0 ? "" : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            double[] xDomain = [col * cellW + gapX / 2, (col + 1) * cellW - gapX / 2];
            double[] yDomain = [1 - (row + 1) * cellH + (row == rows - 1 ? 0 : axisPad / plotHeight), 1 - row * cellH - titlePad / plotHeight];
            var source = panels[i].Layout;
            layout["xaxis" + suffix] = PanelAxis(source, "xaxis", xDomain, "y" + suffix, suffix);
            layout["yaxis" + suffix] = PanelAxis(source, "yaxis", yDomain, "x" + suffix, suffix);
            annotations.Add(Obj(
                ("text", panels[i].Title ?? ""), ("xref", "paper"), ("yref", "paper"),
                ("x", (xDomain[0] + xDomain[1]) / 2), ("y", yDomain[1] + 6 / plotHeight), ("xanchor", "center"), ("yanchor", "bottom"),
                ("showarrow", false), ("font", Obj(("size", PlotTheme.FontSize + 1)))));
            foreach (var trace in panels[i].Data)
            {
                var copy = Trace.CopyOf(trace);
                copy["xaxis"] = "x" + suffix;
                copy["yaxis"] = "y" + suffix;
                string? name = copy.TryGetValue("name", out var n) ? n as string : null;
                bool legend = !(copy.TryGetValue("showlegend", out var s) && s is false);
                if (legend && name != null && !shownNames.Add(name)) copy["showlegend"] = false;
                traces.Add(copy);
            }
        }
        layout["annotations"] = annotations.ToArray();
        layout["legend"] = Obj(("orientation", "h"), ("x", 0), ("y", -56 / plotHeight), ("yanchor", "top"),
            ("bgcolor", "rgba(255,255,255,0.85)"));
        return Chart(layout, traces);
    }

    /// <summary>
    /// The same chart with one unit on the y axis as long as one unit on the x axis, so circles look round (e.g. the
    /// trajectory of gradient play, or points in the plane), drawn square-ish like <see cref="Scatter2D"/>.
    /// </summary>
    /// <remarks>Introduced in notebook 04.</remarks>
    public static Figure EqualAspect(Figure chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var layout = Layout.CopyOf(chart.Layout);
        var yAxis = layout.TryGetValue("yaxis", out var y) && y is Dictionary<string, object> axis
            ? new Dictionary<string, object>(axis)
            : Axis("");
        yAxis["scaleanchor"] = "x";
        yAxis["scaleratio"] = 1;
        layout["yaxis"] = yAxis;
        layout["width"] = 760;
        layout["height"] = 560;
        return Chart(layout, chart.Data.Select(Trace.CopyOf));
    }


    static Dictionary<string, object> PanelAxis(IReadOnlyDictionary<string, object> source, string key, double[] domain, string anchor, string suffix)
    {
        var axis = source.TryGetValue(key, out var value) && value is Dictionary<string, object> dict
            ? new Dictionary<string, object>(dict)
            : Axis("");
        axis["domain"] = domain;
        axis["anchor"] = anchor;
        if (axis.TryGetValue("scaleanchor", out var scale) && scale is string other) axis["scaleanchor"] = other + suffix;
        return axis;
    }


}
