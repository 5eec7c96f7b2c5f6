namespace GanCourse;

/// <summary>
/// The GAN value function V(D, G) = E_{x~p_data}[log D(x)] + E_{x~p_g}[log(1 − D(x))] for 1-D densities,
/// computed by numerical integration on a <see cref="Grid"/> (trapezoid rule), and its maximum over D,
/// C(G) = max_D V(D, G) = V(D*, G) = −log 4 + 2·JS(p_data, p_g) (GAN paper, Theorem 1).
/// </summary>
/// <remarks>
/// Convention: 0·log 0 = 0, so a discriminator may output 0 or 1 where the corresponding density is 0.
/// Both densities must integrate to 1 on the grid within <see cref="Divergence.DensityTolerance"/>.
/// </remarks>
public static class GanValue
{
    /// <summary>−log 4 ≈ −1.386: the smallest possible C(G), reached exactly when p_g = p_data (and then D* = ½).</summary>
    public static double Minimum { get; } = -System.Math.Log(4);

    /// <summary>V(D, G) for a discriminator function D (values in [0, 1]) and two densities, integrated on <paramref name="grid"/>.</summary>
    public static double Of(Func<double, double> discriminator, Func<double, double> pData, Func<double, double> pModel, Grid grid)
    {
        Require.NotNull(discriminator, nameof(discriminator));
        Require.NotNull(grid, nameof(grid));
        return Of(grid.Evaluate(discriminator), grid.Evaluate(pData), grid.Evaluate(pModel), grid);
    }

    /// <summary>V(D, G) from the discriminator's outputs and both densities sampled at the points of <paramref name="grid"/>.</summary>
    public static double Of(double[] discriminatorValues, double[] pDataValues, double[] pModelValues, Grid grid)
    {
        Require.NotNull(grid, nameof(grid));
        CheckDensities(pDataValues, pModelValues, grid);
        Require.SameLength(pDataValues, nameof(pDataValues), discriminatorValues, nameof(discriminatorValues));
        var integrand = new double[grid.Count];
        for (int i = 0; i < integrand.Length; i++)
        {
            double d = discriminatorValues[i];
            if (!(d >= 0 && d <= 1))
                throw new ArgumentException(
                    $"discriminator({Require.Show(grid.Points[i])}) = {Require.Show(d)}: D outputs a probability in [0, 1]. " +
                    "If you have logits, apply the sigmoid first.", nameof(discriminatorValues));
            integrand[i] = XLogY(pDataValues[i], d) + XLogY(pModelValues[i], 1 - d);
        }
        return Grid.Trapezoid(integrand, grid.Dx);
    }

    /// <summary>C(G) = max_D V(D, G) = V(D*, G), integrated on <paramref name="grid"/>.</summary>
    public static double Optimal(Func<double, double> pData, Func<double, double> pModel, Grid grid)
    {
        Require.NotNull(grid, nameof(grid));
        return Optimal(grid.Evaluate(pData), grid.Evaluate(pModel), grid);
    }

    /// <summary>C(G) from both densities sampled at the points of <paramref name="grid"/>.</summary>
    public static double Optimal(double[] pDataValues, double[] pModelValues, Grid grid)
    {
        Require.NotNull(grid, nameof(grid));
        CheckDensities(pDataValues, pModelValues, grid);
        var integrand = new double[grid.Count];
        for (int i = 0; i < integrand.Length; i++)
        {
            double p = pDataValues[i], q = pModelValues[i], s = p + q;
            // p log(p/(p+q)) + q log(q/(p+q)) = p log D* + q log(1 − D*), as differences of logs so that
            // neither 0/0 nor an underflowing ratio beside a tiny positive density can appear.
            double logS = s == 0 ? 0 : System.Math.Log(s);
            integrand[i] = (p == 0 ? 0 : p * (System.Math.Log(p) - logS)) + (q == 0 ? 0 : q * (System.Math.Log(q) - logS));
        }
        return Grid.Trapezoid(integrand, grid.Dx);
    }

    /// <summary>x·log y with 0·log y = 0 (also for y = 0).</summary>
    private static double XLogY(double x, double y) => x == 0 ? 0 : x * System.Math.Log(y);

    private static void CheckDensities(double[] pDataValues, double[] pModelValues, Grid grid)
    {
        Require.SameLength(grid.Points, "grid points", pDataValues, nameof(pDataValues));
        Require.SameLength(grid.Points, "grid points", pModelValues, nameof(pModelValues));
        Require.Density(pDataValues, grid.Dx, nameof(pDataValues), Divergence.DensityTolerance);
        Require.Density(pModelValues, grid.Dx, nameof(pModelValues), Divergence.DensityTolerance);
    }
}
