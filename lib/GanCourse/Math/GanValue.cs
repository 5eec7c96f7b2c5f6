namespace GanCourse;

/// <summary>
/// The GAN value function V(D, G) = E_{x~p_data}[log D(x)] + E_{x~p_g}[log(1 − D(x))] for 1-D densities,
/// computed by numerical integration on a <see cref="Grid"/> (trapezoid rule), and its maximum over D,
/// C(G) = max_D V(D, G) = V(D*, G) = −log 4 + 2·JS(p_data, p_g) (GAN paper, Theorem 1).
/// </summary>
/// <remarks>
/// Introduced in notebook 03.
/// Convention: 0·log 0 = 0, so a discriminator may output 0 or 1 where the corresponding density is 0.
/// Both densities must integrate to 1 on the grid within <see cref="Divergence.DensityTolerance"/>.
/// Prefer <see cref="OfLogits(Func{double, double}, Func{double, double}, Func{double, double}, Grid)"/> when D's logits
/// are at hand (a network's raw output, or <see cref="OptimalDiscriminator.LogitAt"/>): a probability D that has rounded
/// to exactly 1 (about logit 37 in float64, 17 in float32) where p_g is still positive, however tiny, makes
/// log(1 − D) = −∞ and the value −∞, while log D = −softplus(−l) and log(1 − D) = −softplus(l) stay exact.
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

    /// <summary>V(D, G) for a discriminator given by its logit l(x) (D = σ(l)), integrated stably on <paramref name="grid"/>.</summary>
    public static double OfLogits(Func<double, double> logit, Func<double, double> pData, Func<double, double> pModel, Grid grid)
    {
        Require.NotNull(logit, nameof(logit));
        Require.NotNull(grid, nameof(grid));
        return OfLogits(grid.Evaluate(logit), grid.Evaluate(pData), grid.Evaluate(pModel), grid);
    }

    /// <summary>V(D, G) from D's logits and both densities sampled at the points of <paramref name="grid"/> (±∞ logits allowed).</summary>
    public static double OfLogits(double[] logits, double[] pDataValues, double[] pModelValues, Grid grid)
    {
        Require.NotNull(grid, nameof(grid));
        CheckDensities(pDataValues, pModelValues, grid);
        Require.SameLength(pDataValues, nameof(pDataValues), logits, nameof(logits));
        var integrand = new double[grid.Count];
        for (int i = 0; i < integrand.Length; i++)
        {
            double l = logits[i];
            if (double.IsNaN(l))
                throw new ArgumentException($"logit({Require.Show(grid.Points[i])}) is NaN: check the discriminator.", nameof(logits));
            // log D = −softplus(−l), log(1 − D) = −softplus(l)
            integrand[i] = -Times(pDataValues[i], Softplus(-l)) - Times(pModelValues[i], Softplus(l));
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

    /// <summary>softplus(z) = log(1 + e^z), without overflow.</summary>
    private static double Softplus(double z) =>
        z > 0 ? z + System.Math.Log(1 + System.Math.Exp(-z)) : System.Math.Log(1 + System.Math.Exp(z));

    /// <summary>density × value with 0 × ∞ = 0.</summary>
    private static double Times(double density, double value) => density == 0 ? 0 : density * value;

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
