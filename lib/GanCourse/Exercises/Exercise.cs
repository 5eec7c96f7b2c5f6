using System.Globalization;

namespace GanCourse;

/// <summary>
/// Checks for the exercises that end every notebook. A check prints a tick or a cross with a hint; when
/// <see cref="Strict"/> is on (the runner sets it by running notebooks with <c>solutions = true</c>, which also switches
/// on the reference solutions), a failed check throws, so CI proves every check passes on a correct answer.
/// </summary>
public static class Exercise
{
    /// <summary>When true, a failed check throws <see cref="ExerciseFailedException"/> instead of printing a cross.</summary>
    public static bool Strict { get; set; }

    /// <summary>Checks a numeric answer against the expected value within an absolute tolerance.</summary>
    public static bool Check(string name, double answer, double expected, double tolerance = 1e-3, string? hint = null)
    {
        if (double.IsNaN(answer))
            return Report(name, false, "no answer yet (the value is NaN): replace the placeholder with your computation.");
        bool ok = System.Math.Abs(answer - expected) <= tolerance;
        return Report(name, ok, ok
            ? $"{Show(answer)} is right."
            : $"{Show(answer)} is not {Show(expected)} (tolerance {Show(tolerance)})." + (hint is null ? "" : " Hint: " + hint));
    }

    /// <summary>Checks a condition on the student's answer; <paramref name="whatWasChecked"/> says what a pass means.</summary>
    public static bool Check(string name, bool condition, string whatWasChecked, string? hint = null) =>
        Report(name, condition, condition
            ? whatWasChecked
            : $"not yet: {whatWasChecked}" + (hint is null ? "" : " Hint: " + hint));

    /// <summary>Checks a sequence of numbers element-wise within an absolute tolerance.</summary>
    public static bool Check(string name, IReadOnlyList<double> answer, IReadOnlyList<double> expected, double tolerance = 1e-3, string? hint = null)
    {
        if (answer.Count != expected.Count)
            return Report(name, false, $"expected {expected.Count} numbers, got {answer.Count}." + (hint is null ? "" : " Hint: " + hint));
        int missing = Enumerable.Range(0, answer.Count).FirstOrDefault(i => double.IsNaN(answer[i]), -1);
        if (missing >= 0)
            return Report(name, false, $"no answer yet (entry {missing} is NaN): replace the placeholders with your computation.");
        int bad = Enumerable.Range(0, answer.Count).FirstOrDefault(i => !(System.Math.Abs(answer[i] - expected[i]) <= tolerance), -1);
        return Report(name, bad < 0, bad < 0
            ? $"all {answer.Count} values are right."
            : $"entry {bad} is {Show(answer[bad])}, expected {Show(expected[bad])}." + (hint is null ? "" : " Hint: " + hint));
    }

    static bool Report(string name, bool ok, string message)
    {
        if (!ok && Strict)
            throw new ExerciseFailedException($"{name}: {message}");
        Console.WriteLine($"{(ok ? "✅" : "❌")} {name}: {message}");
        return ok;
    }

    static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>A check failed while <see cref="Exercise.Strict"/> was on (reference solutions should always pass).</summary>
public sealed class ExerciseFailedException(string message) : Exception(message);
