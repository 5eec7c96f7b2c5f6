namespace GanCourse;

/// <summary>The exercise checks of notebook 06 (training pathologies) on the ring of 8 Gaussians (radius 2, σ = 0.02; a sample is high-quality within 3σ of a mode).</summary>
/// <remarks>Introduced in notebook 06.</remarks>
public static class Checks06
{
    /// <summary>Exercise 1: the optimal critic with real label α = 0.9 where p_data = 3 p_g: α p/(p + q).</summary>
    public static CheckResult Exercise1(double answer) =>
        Exercise.Compare("Exercise 1", answer, 0.9 * 3 / (3 + 1), Tolerance.Absolute(1e-9),
            "with one-sided smoothing D* = α p_data / (p_data + p_g): α scales the numerator only.");

    /// <summary>
    /// Exercise 2: { % high-quality samples, modes covered } for a generator collapsed onto mode 0, (2, 0) plus
    /// N(0, 0.03²) noise per coordinate, measured on 1,000,000 samples. The distance to the mode is then Rayleigh with
    /// scale 0.03, so P(distance &lt; 3σ = 0.06) = 1 − e⁻², and only mode 0 is reached. The percentage must be within 0.2
    /// (about 6 standard errors at a million samples), the count exact.
    /// </summary>
    public static CheckResult Exercise2(IReadOnlyList<double>? answer) =>
        Exercise.Compare("Exercise 2", answer, [100 * (1 - System.Math.Exp(-2)), 1],
            [Tolerance.Absolute(0.2), Tolerance.Absolute(0)],
            "measure 1,000,000 samples with ring.Coverage and report 100 · HighQualityFraction (a percentage) and Covered.",
            ["% high-quality", "modes covered"])
        .OnPass("Most samples look excellent, yet 1 mode of 8 is covered: a quality measure alone cannot see mode collapse; count the modes too.");

    /// <summary>
    /// Exercise 3: % high-quality samples for points spread evenly on the circle of radius 2: a point is within 0.06 of a
    /// mode when its angle is within 2·asin(0.06/(2·2)) of the mode's (a chord of 0.06); 8 such arcs out of a full turn.
    /// </summary>
    public static CheckResult Exercise3(double answer)
    {
        double halfAngle = 2 * System.Math.Asin(0.06 / (2 * 2));
        return Exercise.Compare("Exercise 3", answer, 100 * 8 * 2 * halfAngle / (2 * System.Math.PI), Tolerance.Absolute(0.05),
            "the share of the circle within 3σ = 0.06 of one of the 8 modes, as a percentage: an arc on both sides of each mode.")
            .OnPass("All 8 modes are covered, yet over 90 % of the samples are bad: mode coverage alone cannot see poor quality either.");
    }
}
