namespace GanCourse;

/// <summary>
/// The exercise checks of notebook 00 (setup, and why generative models). Each computes the expected value by a route
/// independent of the reference solution and returns a <see cref="CheckResult"/>; the notebook shows it with
/// <see cref="CheckResult.Report"/>.
/// </summary>
/// <remarks>Introduced in notebook 00.</remarks>
public static class Checks00
{
    /// <summary>
    /// The tolerance of the grid integrals below. <see cref="CoveringGrid"/>'s error is far below it (outside the grid
    /// each component has mass 2·Q(12) &lt; 4·10⁻³³, the trapezoid rule at 20 points per σ is accurate to about
    /// exp(−2π²·20²) on a Gaussian, and rounding in ~10³ terms is of order 10⁻¹³; the tests confirm the grid meets the
    /// closed forms to 10⁻¹¹), while a wrong formula misses by far more.
    /// </summary>
    public const double GridTolerance = 1e-9;

    /// <summary>Exercise 1: P(x = 1 | y = 2) from the joint table [x, y] (2 rows, 3 columns).</summary>
    public static CheckResult Exercise1(double answer, double[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.GetLength(0) != 2 || table.GetLength(1) != 3)
            throw new ArgumentException($"table is {table.GetLength(0)}x{table.GetLength(1)}; the exercise's joint table is 2x3 (rows x = 0, 1; columns y = 0, 1, 2).", nameof(table));
        // The definition: P(x = 1 | y = 2) = P(x = 1, y = 2) / P(y = 2), with P(y = 2) summed over x.
        double py2 = Enumerable.Range(0, 2).Sum(x => table[x, 2]);
        return Exercise.Compare("Exercise 1", answer, table[1, 2] / py2, Tolerance.Absolute(1e-9),
            "condition on y = 2: divide the joint probability P(x = 1, y = 2) by the total of the column y = 2, not of the row x = 1.");
    }

    /// <summary>Exercise 2: the mixture's mean E[x], checked against ∫ x p(x) dx on a grid.</summary>
    public static CheckResult Exercise2(double answer, GaussianMixture1D mixture)
    {
        var grid = CoveringGrid(mixture);
        return Exercise.Compare("Exercise 2", answer, grid.Integrate(x => x * mixture.Density(x)), Tolerance.Absolute(GridTolerance),
            "E[x] = Σ_z P(z) E[x | z]: weight each component's mean by its probability.");
    }

    /// <summary>Exercise 3: the mixture's variance Var[x], checked against ∫ (x − E[x])² p(x) dx on a grid.</summary>
    public static CheckResult Exercise3(double answer, GaussianMixture1D mixture)
    {
        var grid = CoveringGrid(mixture);
        double mean = grid.Integrate(x => x * mixture.Density(x));
        return Exercise.Compare("Exercise 3", answer, grid.Integrate(x => (x - mean) * (x - mean) * mixture.Density(x)),
            Tolerance.Absolute(GridTolerance),
            "law of total variance: the average of the components' variances σ_z² plus the spread of their means around E[x], both weighted by P(z).")
            .OnPass("It exceeds every component's variance because the components' means lie apart: that spread is the second term.");
    }

    /// <summary>
    /// Exercise 4: P(G(z) &gt; e) for G(z) = e^z, z ~ N(0, 1), checked by integrating the density of x = e^z from e to 10⁴
    /// (the mass beyond 10⁴ is below 10⁻¹⁹). Tolerance 10⁻⁶: the trapezoid rule's error here is (dx²/12)·|p′(e)| ≈ 1.4·10⁻⁷
    /// and the notebook's error function is accurate to 1.5·10⁻⁷.
    /// </summary>
    public static CheckResult Exercise4(double answer) =>
        Exercise.Compare("Exercise 4", answer, Grid.Linspace(System.Math.E, 1e4, 2_000_001).Integrate(LogNormalDensity), Tolerance.Absolute(1e-6),
            "G is increasing, so G(z) > e exactly when z > 1: a tail of the standard normal. With erf, P(z > a) = ½(1 − erf(a/√2)): mind the √2.");

    /// <summary>The density of x = e^z for z ~ N(0, 1) at x &gt; 0: φ(ln x)/x.</summary>
    internal static double LogNormalDensity(double x) =>
        System.Math.Exp(-0.5 * System.Math.Log(x) * System.Math.Log(x)) / (x * System.Math.Sqrt(2 * System.Math.PI));

    /// <summary>A grid over every component's μ ± 12σ with at least 20 points per smallest σ.</summary>
    internal static Grid CoveringGrid(GaussianMixture1D mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        var components = Enumerable.Range(0, mixture.Components).ToArray();
        double start = components.Min(k => mixture.Means[k] - 12 * mixture.Stds[k]);
        double end = components.Max(k => mixture.Means[k] + 12 * mixture.Stds[k]);
        double step = components.Min(k => mixture.Stds[k]) / 20;
        return Grid.Linspace(start, end, (int)System.Math.Ceiling((end - start) / step) + 1);
    }
}
