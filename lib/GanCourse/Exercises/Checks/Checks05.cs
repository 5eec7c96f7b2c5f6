namespace GanCourse;

/// <summary>The exercise checks of notebook 05 (generator losses). d stands for D(G(z)).</summary>
/// <remarks>Introduced in notebook 05.</remarks>
public static class Checks05
{
    /// <summary>Exercise 1: the non-saturating per-sample cost −½ log d at d = 0.1.</summary>
    public static CheckResult Exercise1(double answer) =>
        Exercise.Compare("Exercise 1", answer, -0.5 * System.Math.Log(0.1), Tolerance.Absolute(1e-9),
            "the non-saturating cost is −½ log d (natural log, the ½ included); it is large and positive for a rejected sample.");

    /// <summary>Exercise 2: |non-saturating| / |minimax| logit gradient at d = 0.01, (1 − d)/d.</summary>
    public static CheckResult Exercise2(double answer) =>
        Exercise.Compare("Exercise 2", answer, (1 - 0.01) / 0.01, Tolerance.Absolute(1e-6),
            "the logit gradients are −½(1 − d) (non-saturating) and −½ d (minimax): divide the first by the second.");

    /// <summary>Exercise 3: the d where the two logit gradients are equal.</summary>
    public static CheckResult Exercise3(double answer) =>
        Exercise.Compare("Exercise 3", answer, 0.5, Tolerance.Absolute(1e-3),
            "set the sizes of the two logit gradients, ½ d and ½ (1 − d), equal.");

    /// <summary>Exercise 4: the d above which the maximum-likelihood factor ½ d/(1 − d) exceeds the non-saturating ½ (1 − d): (3 − √5)/2.</summary>
    public static CheckResult Exercise4(double answer) =>
        Exercise.Compare("Exercise 4", answer, (3 - System.Math.Sqrt(5)) / 2, Tolerance.Absolute(1e-4),
            "set d/(1 − d) = 1 − d: a quadratic in d with one root in (0, 1).");
}
