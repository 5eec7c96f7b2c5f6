namespace GanCourse;

/// <summary>
/// Two players following their own gradients in a game min_x max_y f(x, y): x steps down ∂f/∂x, y steps up ∂f/∂y.
/// On the bilinear game f(x, y) = x·y (equilibrium (0, 0)), <see cref="Simultaneous(double, double, double, int)"/>
/// updates spiral outwards: each step multiplies the distance from (0, 0) by exactly √(1 + lr²).
/// <see cref="Alternating(double, double, double, int)"/> (y moves after seeing x's new position) stays on a
/// closed orbit instead: it conserves x² + y² − lr·x·y, so it circles but never converges either.
/// This is the simplest picture of why GAN training (also simultaneous gradient play) can oscillate.
/// </summary>
/// <remarks>Introduced in notebook 04.</remarks>
public static class GradientPlay
{
    /// <summary>The gradient (∂f/∂x, ∂f/∂y) of the bilinear game f(x, y) = x·y.</summary>
    public static (double Dx, double Dy) BilinearGradient(double x, double y) => (y, x);

    /// <summary>Simultaneous updates on f(x, y) = x·y: x ← x − lr·y and y ← y + lr·x, both from the old point.</summary>
    public static Trajectory Simultaneous(double x0, double y0, double lr, int steps) =>
        Simultaneous(BilinearGradient, x0, y0, lr, steps);

    /// <summary>Alternating updates on f(x, y) = x·y: x ← x − lr·y, then y ← y + lr·x with the new x.</summary>
    public static Trajectory Alternating(double x0, double y0, double lr, int steps) =>
        Alternating(BilinearGradient, x0, y0, lr, steps);

    /// <summary>
    /// Simultaneous gradient play on a general f: (g_x, g_y) = gradient(x, y) at the old point, then
    /// x ← x − lr·g_x, y ← y + lr·g_y.
    /// </summary>
    public static Trajectory Simultaneous(Func<double, double, (double Dx, double Dy)> gradient, double x0, double y0, double lr, int steps)
    {
        Check(gradient, x0, y0, lr, steps);
        var xs = new double[steps + 1];
        var ys = new double[steps + 1];
        xs[0] = x0;
        ys[0] = y0;
        for (int t = 0; t < steps; t++)
        {
            var (gx, gy) = gradient(xs[t], ys[t]);
            xs[t + 1] = xs[t] - lr * gx;
            ys[t + 1] = ys[t] + lr * gy;
        }
        return new Trajectory(xs, ys);
    }

    /// <summary>
    /// Alternating gradient play on a general f: x ← x − lr·∂f/∂x(x, y), then y ← y + lr·∂f/∂y(x_new, y).
    /// </summary>
    public static Trajectory Alternating(Func<double, double, (double Dx, double Dy)> gradient, double x0, double y0, double lr, int steps)
    {
        Check(gradient, x0, y0, lr, steps);
        var xs = new double[steps + 1];
        var ys = new double[steps + 1];
        xs[0] = x0;
        ys[0] = y0;
        for (int t = 0; t < steps; t++)
        {
            xs[t + 1] = xs[t] - lr * gradient(xs[t], ys[t]).Dx;
            ys[t + 1] = ys[t] + lr * gradient(xs[t + 1], ys[t]).Dy;
        }
        return new Trajectory(xs, ys);
    }

    private static void Check(Func<double, double, (double, double)> gradient, double x0, double y0, double lr, int steps)
    {
        Require.NotNull(gradient, nameof(gradient));
        Require.Finite(x0, nameof(x0));
        Require.Finite(y0, nameof(y0));
        Require.Positive(lr, nameof(lr));
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be 0 or more.");
    }
}
