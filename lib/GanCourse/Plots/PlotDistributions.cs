using TorchSharp;
using static GanCourse.PlotlyFigure;
using static TorchSharp.torch;

namespace GanCourse;

public static partial class Plot
{
    /// <summary>
    /// 1-D picture of the GAN game (GAN paper, Figure 1): p_data (blue), p_g (orange), the discriminator D (green)
    /// and the optimal D* = p_data / (p_data + p_g) (dark green, dashed), all over the grid <paramref name="xs"/>.
    /// Pass null for any curve to leave it out.
    /// </summary>
    /// <remarks>Introduced in notebook 03.</remarks>
    public static Figure Densities1D(
        IReadOnlyList<double> xs, IReadOnlyList<double>? pData = null, IReadOnlyList<double>? pModel = null,
        IReadOnlyList<double>? d = null, IReadOnlyList<double>? dStar = null, string title = "Densities and discriminator")
    {
        ArgumentNullException.ThrowIfNull(xs);
        if (xs.Count < 2) throw new ArgumentException($"xs has {xs.Count} points; pass a grid of at least 2 x values.", nameof(xs));
        var curves = new (string Name, IReadOnlyList<double>? Values, string Color, string? Dash, string Parameter)[]
        {
            ("p_data", pData, PlotTheme.Real, null, nameof(pData)),
            ("p_g (model)", pModel, PlotTheme.Generated, null, nameof(pModel)),
            ("D(x)", d, PlotTheme.Discriminator, null, nameof(d)),
            ("D*(x) = p_data / (p_data + p_g)", dStar, PlotTheme.OptimalDiscriminator, "dash", nameof(dStar)),
        };
        var traces = new List<Trace>();
        foreach (var (name, values, color, dash, parameter) in curves)
        {
            if (values == null) continue;
            if (values.Count != xs.Count)
                throw new ArgumentException($"{parameter} has {values.Count} values but xs has {xs.Count}; give one value per grid point.", parameter);
            traces.Add(Line(name, xs, values, color, width: 2.5, dash: dash));
        }
        if (traces.Count == 0)
            throw new ArgumentException("Nothing to draw: pass at least one of pData, pModel, d, dStar.");
        return Chart(Layout(title, Axis("x"), Axis("density  /  D(x)")), traces);
    }

    /// <summary>
    /// Real (blue) and generated (orange) 2-D samples, [n, 2] each, on equal axes (e.g. the ring of Gaussians).
    /// Pass null for <paramref name="generated"/> to show the data alone.
    /// </summary>
    /// <remarks>Introduced in notebook 06.</remarks>
    public static Figure Scatter2D(Tensor real, Tensor? generated = null, string title = "Real and generated samples")
    {
        var traces = new List<Trace> { Points("real", real, nameof(real), PlotTheme.Real) };
        if (generated is not null) traces.Add(Points("generated", generated, nameof(generated), PlotTheme.Generated));
        var layout = Layout(title, Axis("x₁"), Axis("x₂", ("scaleanchor", "x"), ("scaleratio", 1)), width: 560, height: 520);
        return Chart(layout, traces);
    }

    static Trace Points(string name, Tensor points, string parameter, string color)
    {
        ArgumentNullException.ThrowIfNull(points, parameter);
        if (points.dim() != 2 || points.shape[1] != 2 || points.shape[0] == 0)
            throw new ArgumentException(
                $"{parameter} has shape [{string.Join(", ", points.shape)}]; pass 2-D points as [n, 2] with n >= 1.", parameter);
        double[] xy;
        using (var values = points.detach().cpu().to_type(ScalarType.Float64).contiguous())
            xy = values.data<double>().ToArray();
        var x = Enumerable.Range(0, xy.Length / 2).Select(i => xy[2 * i]).ToArray();
        var y = Enumerable.Range(0, xy.Length / 2).Select(i => xy[2 * i + 1]).ToArray();
        return Trace("scatter", ("name", name), ("mode", "markers"), ("x", Compact(x)), ("y", Compact(y)),
            ("marker", Obj(("color", color), ("size", 4), ("opacity", 0.6))));
    }
}
