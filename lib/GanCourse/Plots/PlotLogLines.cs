using static GanCourse.PlotlyFigure;

namespace GanCourse;

public static partial class Plot
{
    /// <summary>
    /// Like <see cref="Lines"/>, on a logarithmic y axis: for quantities spanning several orders of magnitude (a
    /// divergence that blows up beside one that stays bounded). Values &lt;= 0 or infinite have no logarithm and are
    /// left out of the curve (drawn as gaps).
    /// </summary>
    /// <remarks>Introduced in notebook 02.</remarks>
    public static Figure LogLines(string title, string xTitle, string yTitle, params (string Name, double[] X, double[] Y)[] series) =>
        Chart(Layout(title, Axis(xTitle), Axis(yTitle, ("type", "log"), ("exponentformat", "power"))),
            LineTraces(series, v => v > 0 ? v : double.NaN));
}
