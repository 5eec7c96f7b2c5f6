namespace GanCourse;

/// <summary>
/// Goodfellow's NIPS 2016 tutorial generator costs per sample, as plain functions of d = D(G(z)) ∈ [0, 1], with the
/// tutorial's ½ factors, for plotting its Figure 16: minimax ½ log(1 − d), non-saturating −½ log d, maximum
/// likelihood −½ exp(σ⁻¹(d)) = −½ d/(1 − d). At d = ½ these formulas give −0.347, +0.347 and −0.5 (values computed
/// from the formulas; the tutorial plots the costs).
/// The <c>…LogitGradient</c> functions give each cost's derivative with respect to the logit l = σ⁻¹(d), the quantity
/// backpropagated into G: −½ d, −½ (1 − d) and −½ d/(1 − d). The batch tensor losses of <see cref="GeneratorLoss"/>
/// are twice the mean of these costs.
/// </summary>
/// <remarks>Introduced in notebook 05.</remarks>
public static class GeneratorCost
{
    /// <summary>½ log(1 − d): the minimax game's generator cost (−∞ at d = 1).</summary>
    public static double Minimax(double d) => 0.5 * System.Math.Log(1 - Check(d));

    /// <summary>−½ log d: the non-saturating heuristic cost (+∞ at d = 0).</summary>
    public static double NonSaturating(double d) => -0.5 * System.Math.Log(Check(d));

    /// <summary>−½ exp(σ⁻¹(d)) = −½ d/(1 − d): the maximum-likelihood cost (−∞ at d = 1).</summary>
    public static double MaximumLikelihood(double d)
    {
        Check(d);
        return d == 1 ? double.NegativeInfinity : -0.5 * d / (1 - d);
    }

    /// <summary>d/dl of ½ log(1 − σ(l)) = −½ σ(l) = −½ d: vanishes as d → 0 (the minimax cost saturates).</summary>
    public static double MinimaxLogitGradient(double d) => -0.5 * Check(d);

    /// <summary>d/dl of −½ log σ(l) = −½ (1 − σ(l)) = −½ (1 − d): largest as d → 0.</summary>
    public static double NonSaturatingLogitGradient(double d) => -0.5 * (1 - Check(d));

    /// <summary>d/dl of −½ exp(l) = −½ exp(l) = −½ d/(1 − d): vanishes as d → 0, dominated by the samples D likes best.</summary>
    public static double MaximumLikelihoodLogitGradient(double d) => MaximumLikelihood(d);

    private static double Check(double d)
    {
        if (!(d >= 0 && d <= 1))
            throw new ArgumentOutOfRangeException(nameof(d), d,
                $"d = {Require.Show(d)}: d is the discriminator's probability D(G(z)) and must be in [0, 1]. If you have a logit l, pass σ(l).");
        return d;
    }
}
