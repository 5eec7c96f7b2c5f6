using static GanCourse.PlotlyFigure;

namespace GanCourse;

public static partial class Plot
{
    /// <summary>
    /// Goodfellow (2016), Figure 16: the minimax, non-saturating and maximum-likelihood generator costs J(G) per
    /// sample against D(G(z)) on (0, 1), from <see cref="GeneratorCost"/>. The y axis is clipped to [−10, 5]
    /// (the maximum-likelihood cost falls to −∞ as D(G(z)) → 1).
    /// </summary>
    /// <remarks>Introduced in notebook 05.</remarks>
    public static Figure GeneratorCosts(int points = 400, string title = "Generator costs J(G) against D(G(z))")
    {
        if (points < 10) throw new ArgumentOutOfRangeException(nameof(points), points, "Use at least 10 points per curve.");
        var d = Linspace(0.001, 0.999, points);
        var traces = new[]
        {
            Line("minimax  ½ log(1 − D)", d, d.Select(GeneratorCost.Minimax).ToArray(), PlotTheme.SeriesColor(0), width: 2.5),
            Line("non-saturating  −½ log D", d, d.Select(GeneratorCost.NonSaturating).ToArray(), PlotTheme.SeriesColor(3), width: 2.5),
            Line("maximum likelihood  −½ D / (1 − D)", d, d.Select(GeneratorCost.MaximumLikelihood).ToArray(), PlotTheme.SeriesColor(4), width: 2.5),
        };
        var layout = Layout(title, Axis("D(G(z))", ("range", new[] { 0.0, 1.0 })), Axis("J(G) per sample", ("range", new[] { -10.0, 5.0 })),
            extra: ("legend", Obj(("x", 0.02), ("y", 0.02), ("xanchor", "left"), ("yanchor", "bottom"),
                ("bgcolor", "rgba(255,255,255,0.85)"), ("bordercolor", "#dddddd"), ("borderwidth", 1))));
        return Chart(layout, traces);
    }
}
