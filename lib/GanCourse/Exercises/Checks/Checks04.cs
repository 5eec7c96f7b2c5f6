namespace GanCourse;

/// <summary>The exercise checks of notebook 04 (games and Nash equilibrium).</summary>
/// <remarks>Introduced in notebook 04.</remarks>
public static class Checks04
{
    /// <summary>Exercise 1: the value of rock-paper-scissors to the row player (a symmetric zero-sum game, A = −Aᵀ, is fair).</summary>
    public static CheckResult Exercise1(double answer) =>
        Exercise.Compare("Exercise 1", answer, 0.0, Tolerance.Absolute(1e-9),
            "the value is what the row player earns at the equilibrium, not a probability; in a symmetric game swap the players' roles.");

    /// <summary>Exercise 2: Red's probability of row 1 in the 2×2 game (3, −1; −2, 1), by the closed form p = (d − c)/(a − b − c + d).</summary>
    public static CheckResult Exercise2(double answer)
    {
        const double a11 = 3, a12 = -1, a21 = -2, a22 = 1;
        return Exercise.Compare("Exercise 2", answer, (a22 - a21) / (a11 - a12 - a21 + a22), Tolerance.Absolute(1e-9),
            "Red mixes to make Blue indifferent: against column 1 Red earns 3p − 2(1 − p), against column 2 −p + (1 − p); set them equal.");
    }

    /// <summary>Exercise 3: the distance from (0, 0) after 200 simultaneous steps with η = 0.05 from (1, 0): each step multiplies it by √(1 + η²).</summary>
    public static CheckResult Exercise3(double answer) =>
        Exercise.Compare("Exercise 3", answer, System.Math.Pow(1 + 0.05 * 0.05, 200 / 2.0), Tolerance.Relative(1e-9),
            "each simultaneous step multiplies the distance from (0, 0) by the same factor; read Trajectory.Radius(steps).");

    /// <summary>
    /// Exercise 4: the largest distance from (0, 0) over 1,000 alternating steps with η = 0.5 from (1, 0), to 9 digits
    /// (so a typed or rounded number fails), checked by running the updates again here. The pass message states the bound
    /// √(1/(1 − η/2)) the orbit respects.
    /// </summary>
    public static CheckResult Exercise4(double answer)
    {
        const double eta = 0.5;
        double x = 1, y = 0, farthest = 1;
        for (int step = 0; step < 1000; step++)
        {
            x -= eta * y;       // x descends ∂(xy)/∂x = y
            y += eta * x;       // y ascends ∂(xy)/∂y = x, at the new x
            farthest = System.Math.Max(farthest, System.Math.Sqrt(x * x + y * y));
        }
        double bound = System.Math.Sqrt(1 / (1 - eta / 2));
        return Exercise.Compare("Exercise 4", answer, farthest, Tolerance.Relative(1e-9),
                "take Trajectory.Radii().Max() over the whole run (not the last radius), as computed: the check wants 9 digits.")
            .OnPass($"The orbit never exceeds √(1/(1 − η/2)) ≈ {Exercise.Show(System.Math.Round(bound, 4))}, the bound its conserved quantity gives, so it stays below 2: alternating play circles but stays bounded.");
    }
}
