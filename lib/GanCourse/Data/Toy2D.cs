namespace GanCourse;

/// <summary>The standard 2-D toy distributions for GAN experiments.</summary>
/// <remarks>Introduced in notebook 06.</remarks>
public static class Toy2D
{
    /// <summary>
    /// <paramref name="modes"/> equal-weight Gaussians evenly spaced on a circle of <paramref name="radius"/>, the
    /// first at angle 0 (the ring of 8 Gaussians: radius 2, std 0.02, as in Metz et al.'s unrolled GAN paper).
    /// </summary>
    public static GaussianMixture2D Ring(int modes = 8, double radius = 2, double std = 0.02)
    {
        if (modes < 1) throw new ArgumentOutOfRangeException(nameof(modes), modes, "A ring needs at least one mode.");
        if (!(radius > 0) || !double.IsFinite(radius)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "radius must be finite and > 0.");
        var centers = Enumerable.Range(0, modes)
            .Select(k => (radius * Math.Cos(2 * Math.PI * k / modes), radius * Math.Sin(2 * Math.PI * k / modes)))
            .ToArray();
        return new GaussianMixture2D(centers, std);
    }

    /// <summary>
    /// A <paramref name="side"/> x <paramref name="side"/> grid of equal-weight Gaussians, <paramref name="spacing"/>
    /// apart and centred on the origin (default: centers at -4, -2, 0, 2, 4 on each axis).
    /// </summary>
    public static GaussianMixture2D Grid(int side = 5, double spacing = 2, double std = 0.02)
    {
        if (side < 1) throw new ArgumentOutOfRangeException(nameof(side), side, "A grid needs at least one mode per side.");
        if (!(spacing > 0) || !double.IsFinite(spacing)) throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "spacing must be finite and > 0.");
        double offset = (side - 1) / 2.0;
        var centers = (from i in Enumerable.Range(0, side)
                       from j in Enumerable.Range(0, side)
                       select ((i - offset) * spacing, (j - offset) * spacing)).ToArray();
        return new GaussianMixture2D(centers, std);
    }
}
