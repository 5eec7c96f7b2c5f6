namespace GanCourse;

/// <summary>
/// The best discriminator for a fixed generator (GAN paper, Proposition 1):
/// D*(x) = p_data(x) / (p_data(x) + p_g(x)). With one-sided label smoothing (real label α instead of 1) the optimum
/// becomes α·p_data / (p_data + p_g). Where both densities are 0 the point carries no mass, so any value is optimal;
/// this class returns α/2 (½ without smoothing), the value D* takes wherever p_data = p_g.
/// </summary>
/// <remarks>Introduced in notebook 03. Converts implicitly to <c>Func&lt;double, double&gt;</c>, so it can be passed wherever a discriminator function is expected.</remarks>
public sealed class OptimalDiscriminator
{
    private readonly Func<double, double> pData;
    private readonly Func<double, double> pModel;

    private OptimalDiscriminator(Func<double, double> pData, Func<double, double> pModel, double realLabel)
    {
        this.pData = pData;
        this.pModel = pModel;
        RealLabel = realLabel;
    }

    /// <summary>D* for the data density <paramref name="pData"/> and the generator's density <paramref name="pModel"/>.</summary>
    /// <param name="pData">Density of the real data.</param>
    /// <param name="pModel">Density of the generator's samples, p_g.</param>
    /// <param name="realLabel">Target for real samples: 1 (default) or e.g. 0.9 for one-sided label smoothing.</param>
    public static OptimalDiscriminator From(Func<double, double> pData, Func<double, double> pModel, double realLabel = 1.0)
    {
        Require.NotNull(pData, nameof(pData));
        Require.NotNull(pModel, nameof(pModel));
        Require.RealLabel(realLabel);
        return new OptimalDiscriminator(pData, pModel, realLabel);
    }

    /// <summary>The real label α the optimum is computed for (1 = no smoothing).</summary>
    public double RealLabel { get; }

    /// <summary>D*(x).</summary>
    public double At(double x) => Value(Density(pData, x, nameof(pData)), Density(pModel, x, nameof(pModel)), RealLabel);

    /// <summary>
    /// The logit of D*(x): log(α·p_data) − log((1 − α)·p_data + p_g), i.e. log(p_data/p_g) without smoothing; ±∞ where one
    /// side vanishes. Exact where D* itself rounds to 0 or 1 (pass it to <see cref="GanValue.OfLogits(Func{double, double}, Func{double, double}, Func{double, double}, Grid)"/>).
    /// </summary>
    public double LogitAt(double x)
    {
        double p = Density(pData, x, nameof(pData)), q = Density(pModel, x, nameof(pModel));
        if (p == 0 && q == 0) return System.Math.Log(RealLabel / (2 - RealLabel)); // logit of α/2
        return System.Math.Log(RealLabel * p) - System.Math.Log((1 - RealLabel) * p + q);
    }

    /// <summary>D* at each of <paramref name="xs"/>.</summary>
    public double[] At(IReadOnlyList<double> xs)
    {
        Require.NotNull(xs, nameof(xs));
        return xs.Select(At).ToArray();
    }

    /// <summary>D* at every point of <paramref name="grid"/>.</summary>
    public double[] On(Grid grid)
    {
        Require.NotNull(grid, nameof(grid));
        return At(grid.Points);
    }

    /// <summary>α·p_data / (p_data + p_g) from the two density values at one point (α/2 when both are 0).</summary>
    public static double Value(double pData, double pModel, double realLabel = 1.0)
    {
        CheckDensity(pData, nameof(pData));
        CheckDensity(pModel, nameof(pModel));
        Require.RealLabel(realLabel);
        double total = pData + pModel;
        return total == 0 ? realLabel / 2 : realLabel * pData / total;
    }

    /// <summary>D* from density values sampled at the same points (e.g. on a grid).</summary>
    public static double[] Of(double[] pDataValues, double[] pModelValues, double realLabel = 1.0)
    {
        Require.SameLength(pDataValues, nameof(pDataValues), pModelValues, nameof(pModelValues));
        Require.NonNegative(pDataValues, nameof(pDataValues), "density values");
        Require.NonNegative(pModelValues, nameof(pModelValues), "density values");
        Require.RealLabel(realLabel);
        var d = new double[pDataValues.Length];
        for (int i = 0; i < d.Length; i++) d[i] = Value(pDataValues[i], pModelValues[i], realLabel);
        return d;
    }

    /// <summary>Use D* as a plain function x ↦ D*(x).</summary>
    public static implicit operator Func<double, double>(OptimalDiscriminator d) => d.At;

    private static double Density(Func<double, double> f, double x, string name)
    {
        double v = f(x);
        if (double.IsNaN(v) || v < 0 || double.IsInfinity(v))
            throw new ArgumentException($"{name}({Require.Show(x)}) = {Require.Show(v)}: a density must be finite and non-negative.", name);
        return v;
    }

    private static void CheckDensity(double v, string name)
    {
        if (double.IsNaN(v) || v < 0 || double.IsInfinity(v))
            throw new ArgumentOutOfRangeException(name, v, $"{name} = {Require.Show(v)}: a density value must be finite and non-negative.");
    }
}
