namespace GanCourse;

/// <summary>The exercise checks of notebook 03 (the optimal discriminator).</summary>
/// <remarks>Introduced in notebook 03.</remarks>
public static class Checks03
{
    /// <summary>
    /// Exercise 1: where D* = ½ for p_data = N(0, 1), p_g = N(1, 1): halfway between the means, where two Gaussians of
    /// equal σ have equal densities. Tolerance 2·10⁻³ admits a grid search at a spacing of 10⁻³.
    /// </summary>
    public static CheckResult Exercise1(double answer) =>
        Exercise.Compare("Exercise 1", answer, (0 + 1) / 2.0, Tolerance.Absolute(2e-3),
            "D* = ½ exactly where p_data(x) = p_g(x); two Gaussians with the same σ cross at one point.");

    /// <summary>Exercise 2: C(G) = max_D V(D, G) for p_data uniform on [0, 1] and p_g uniform on [2, 3] (−log 4 + 2·JSD with JSD = log 2).</summary>
    public static CheckResult Exercise2(double answer) =>
        Exercise.Compare("Exercise 2", answer, -System.Math.Log(4) + 2 * System.Math.Log(2), Tolerance.Absolute(1e-6),
            "which D tells disjoint supports apart perfectly, and what are E log D(x) and E log(1 − D(G(z))) for it?")
            .OnPass("D* is 1 on the data's support and 0 on the generator's, so both expectations are log 1 = 0: the JSD is at its ceiling log 2.");

    /// <summary>
    /// Exercise 3: the optimal D where p_data = p_g with real label α = 0.9, checked by maximising
    /// α p log y + ((1 − α) p + q) log(1 − y) over a grid of y with spacing 10⁻⁵ (tolerance 10⁻⁴).
    /// </summary>
    public static CheckResult Exercise3(double answer)
    {
        const double alpha = 0.9, p = 1, q = 1;
        double best = Enumerable.Range(1, 99_999).Select(k => k / 100_000.0)
            .MaxBy(y => alpha * p * System.Math.Log(y) + ((1 - alpha) * p + q) * System.Math.Log(1 - y));
        return Exercise.Compare("Exercise 3", answer, best, Tolerance.Absolute(1e-4),
            "with smoothing the real samples appear in both terms: maximise α p log D + ((1 − α) p + q) log(1 − D) in D.");
    }
}
