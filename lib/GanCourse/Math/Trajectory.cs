namespace GanCourse;

/// <summary>
/// The path (x_t, y_t), t = 0..Steps, of two players doing gradient play (see <see cref="GradientPlay"/>);
/// X and Y hold Steps + 1 points, starting with the initial point.
/// </summary>
/// <remarks>Introduced in notebook 04.</remarks>
public sealed class Trajectory
{
    internal Trajectory(double[] x, double[] y)
    {
        X = x;
        Y = y;
    }

    /// <summary>The minimising player's positions x_0 .. x_Steps.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>The maximising player's positions y_0 .. y_Steps.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Number of updates made.</summary>
    public int Steps => X.Count - 1;

    /// <summary>Distance of point t from the origin, √(x_t² + y_t²) (the equilibrium of min_x max_y x·y is (0, 0)).</summary>
    public double Radius(int t) => System.Math.Sqrt(X[t] * X[t] + Y[t] * Y[t]);

    /// <summary>The distance from the origin of every point.</summary>
    public double[] Radii() => Enumerable.Range(0, X.Count).Select(Radius).ToArray();
}
