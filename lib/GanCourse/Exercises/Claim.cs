namespace GanCourse;

/// <summary>
/// Checks a statement a notebook's text makes ("Red's strategy is (4/7, 3/7)", "the gap to D* is below 0.1"), computed
/// in the run rather than typed in. A true claim prints a tick with the statement; a false one prints a cross, or throws
/// <see cref="ClaimFailedException"/> when <see cref="Exercise.Strict"/> is on (CI), so a notebook whose text has gone
/// wrong fails instead of passing quietly.
/// </summary>
/// <remarks>Introduced in notebook 03.</remarks>
public static class Claim
{
    /// <summary>Prints <paramref name="statement"/> with a tick when <paramref name="holds"/>, else a cross (or throws in strict mode).</summary>
    /// <param name="statement">What the text claims, phrased as true.</param>
    /// <param name="holds">Whether the run confirms it.</param>
    /// <param name="detail">The measured values behind the verdict, e.g. "gap 0.043 at x = 1.2" (optional).</param>
    /// <returns><paramref name="holds"/>.</returns>
    public static bool Holds(string statement, bool holds, string? detail = null)
    {
        if (string.IsNullOrWhiteSpace(statement))
            throw new ArgumentException("statement is empty: say what is being claimed, e.g. \"D* is 1/2 where p_data = p_g\".", nameof(statement));
        string line = detail is null ? statement : $"{statement} ({detail})";
        if (!holds && Exercise.Strict)
            throw new ClaimFailedException($"A claim of the notebook does not hold: {line}");
        Console.WriteLine($"{(holds ? "✔" : "✘ NOT CONFIRMED:")} {line}");
        return holds;
    }
}

/// <summary>A notebook's <see cref="Claim"/> did not hold while <see cref="Exercise.Strict"/> was on.</summary>
public sealed class ClaimFailedException(string message) : Exception(message);
