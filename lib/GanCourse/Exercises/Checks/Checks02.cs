namespace GanCourse;

/// <summary>The exercise checks of notebook 02 (KL and JS divergences).</summary>
/// <remarks>Introduced in notebook 02.</remarks>
public static class Checks02
{
    /// <summary>Exercise 1: KL(P ‖ Q) for P = (½, ½), Q = (¼, ¾), in nats.</summary>
    public static CheckResult Exercise1(double answer) =>
        Exercise.Compare("Exercise 1", answer, Divergence.KL([0.5, 0.5], [0.25, 0.75]), Tolerance.Absolute(1e-9),
            "KL(P ‖ Q) = Σ p_i log(p_i / q_i): weighted by P (KL is not symmetric), natural log; one of the two terms is negative.");

    /// <summary>Exercise 2: JS(P, Q) for P = (1, 0), Q = (½, ½).</summary>
    public static CheckResult Exercise2(double answer) =>
        Exercise.Compare("Exercise 2", answer, Divergence.JS([1.0, 0.0], [0.5, 0.5]), Tolerance.Absolute(1e-9),
            "M = ½(P + Q), and JS is the average ½ KL(P ‖ M) + ½ KL(Q ‖ M), both halves included; a term with p_i = 0 counts 0.");

    /// <summary>
    /// Exercise 3: KL(N(1, 0.5²) ‖ N(−1, 1.5²)), checked by integrating p log(p/q) on a grid over μ₁ ± 12σ₁ with 400 points
    /// per σ₁ (the tests confirm it meets the closed form to 10⁻¹¹, far inside the 10⁻⁹ tolerance).
    /// </summary>
    public static CheckResult Exercise3(double answer) =>
        Exercise.Compare("Exercise 3", answer,
            Divergence.KL(GaussianMixture1D.Gaussian(1, 0.5).Density, GaussianMixture1D.Gaussian(-1, 1.5).Density, Grid.Linspace(-5, 7, 9601)),
            Tolerance.Absolute(1e-9),
            "log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½: standard deviations in the log, variances in the fraction, and P's parameters are index 1.");

    /// <summary>
    /// Exercise 4: { μ, σ } of the Gaussian minimising KL(P ‖ Q), checked against the notebook's gradient-descent fit
    /// (<paramref name="fittedMu"/>, <paramref name="fittedSigma"/>), within 0.01.
    /// </summary>
    public static CheckResult Exercise4(IReadOnlyList<double>? answer, double fittedMu, double fittedSigma) =>
        Exercise.Compare("Exercise 4", answer, [fittedMu, fittedSigma], Tolerance.Absolute(1e-2),
            "forward KL covers P's mass, so the best Gaussian matches P's mean and variance (E[x²] = Σ w (σ² + μ²)); give σ, not σ².",
            ["μ", "σ"]);
}
