namespace GanCourse;

/// <summary>
/// The three per-sample generator costs of Goodfellow's NIPS 2016 tutorial (Figure 16) as functions of
/// D = D(G(z)): minimax ½·log(1 − D), non-saturating −½·log D, maximum likelihood −½·D/(1 − D)
/// (that is −½·exp(σ⁻¹(D))). At D = ½ they are −0.347, +0.347 and −0.5.
/// </summary>
public static class GeneratorCostCurves
{
    /// <summary>Minimax cost ½·log(1 − D): flat where D(G(z)) ≈ 0, so G learns little when D rejects its samples.</summary>
    public static double Minimax(double d) => 0.5 * System.Math.Log(1 - Check(d));

    /// <summary>Non-saturating cost −½·log D: steep where D(G(z)) ≈ 0, the heuristic used in practice.</summary>
    public static double NonSaturating(double d) => -0.5 * System.Math.Log(Check(d));

    /// <summary>Maximum-likelihood cost −½·D/(1 − D) = −½·exp(σ⁻¹(D)): its gradient comes almost only from samples D believes.</summary>
    public static double MaximumLikelihood(double d) => -0.5 * Check(d) / (1 - d);

    static double Check(double d) =>
        d is >= 0 and <= 1 ? d : throw new ArgumentOutOfRangeException(nameof(d), d, "D(G(z)) is a probability and must lie in [0, 1].");
}
