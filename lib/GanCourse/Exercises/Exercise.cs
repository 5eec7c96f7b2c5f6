using System.Globalization;

namespace GanCourse;

/// <summary>
/// The comparison rules behind the exercises that end every notebook. Each rule returns a <see cref="CheckResult"/>
/// (pass or fail with a message) without printing, so the exercise checks (<c>Checks00</c> ... <c>Checks09</c>) can be
/// unit-tested with right and wrong answers; a notebook cell shows the verdict with <see cref="CheckResult.Report"/>.
/// A failure message says which way the answer misses and roughly by how much, and names the concept in a hint,
/// but never prints the expected value.
/// </summary>
/// <remarks>Introduced in notebook 00.</remarks>
public static class Exercise
{
    /// <summary>
    /// When true, <see cref="CheckResult.Report"/> throws <see cref="ExerciseFailedException"/> on a failed check instead of
    /// printing a cross. The notebooks set it from their <c>solutions</c> parameter (true in CI, which also switches on the
    /// reference solutions), so CI proves every check passes on a correct answer.
    /// </summary>
    public static bool Strict { get; set; }

    /// <summary>
    /// A number within <paramref name="tolerance"/> of <paramref name="expected"/> passes; NaN means "not answered yet";
    /// ±∞ fails with a hint about logs of 0 and divisions by 0.
    /// </summary>
    /// <param name="name">The exercise, e.g. "Exercise 2".</param>
    /// <param name="answer">The student's number (NaN while the placeholder is in place).</param>
    /// <param name="expected">The value computed by an independent route; must be finite.</param>
    /// <param name="tolerance">How far the answer may be from <paramref name="expected"/>.</param>
    /// <param name="hint">A pointer to the concept, shown on a failure; it must not contain the expected value.</param>
    public static CheckResult Compare(string name, double answer, double expected, Tolerance tolerance, string? hint = null)
    {
        CheckName(name);
        CheckExpected(expected, nameof(expected));
        if (double.IsNaN(answer)) return Unanswered(name, "the value is NaN");
        if (double.IsInfinity(answer)) return Infinite(name, answer, hint);
        if (System.Math.Abs(answer - expected) <= tolerance.AllowedMiss(expected))
            return new CheckResult(name, true, $"{Show(answer)} is right.");
        return Failed(name, $"{Show(answer)} {Miss(answer, expected)} (allowed: {tolerance}).", hint);
    }

    /// <summary>
    /// A count (a number of parameters, passes, pixels): the answer must be a whole number equal to
    /// <paramref name="expected"/>. NaN means "not answered yet".
    /// </summary>
    public static CheckResult CompareCount(string name, double answer, long expected, string? hint = null)
    {
        CheckName(name);
        if (double.IsNaN(answer)) return Unanswered(name, "the value is NaN");
        if (double.IsInfinity(answer)) return Infinite(name, answer, hint);
        if (answer != System.Math.Round(answer))
            return Failed(name, $"{Show(answer)} is not a whole number, and a count is.", hint);
        if (answer == expected) return new CheckResult(name, true, $"{Show(answer)} is right.");
        return Failed(name, $"{Show(answer)} {Miss(answer, expected)}.", hint);
    }

    /// <summary>
    /// Numbers compared entry by entry, each within <paramref name="tolerance"/> of its expected value. A null answer
    /// or a NaN entry means "not answered yet". <c>labels</c> say what each entry is (e.g. "μ", "σ") in the messages
    /// ("entry i" when omitted).
    /// </summary>
    public static CheckResult Compare(string name, IReadOnlyList<double>? answer, IReadOnlyList<double> expected, Tolerance tolerance,
        string? hint = null, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return Compare(name, answer, expected, Enumerable.Repeat(tolerance, expected.Count).ToArray(), hint, labels);
    }

    /// <summary>
    /// Numbers compared entry by entry, entry i within <paramref name="tolerances"/>[i] of its expected value (e.g. a
    /// percentage within 0.2 and a count exactly). A null answer or a NaN entry means "not answered yet"; <c>labels</c>
    /// name the entries in the messages.
    /// </summary>
    public static CheckResult Compare(string name, IReadOnlyList<double>? answer, IReadOnlyList<double> expected, IReadOnlyList<Tolerance> tolerances,
        string? hint = null, IReadOnlyList<string>? labels = null)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(tolerances);
        if (tolerances.Count != expected.Count)
            throw new ArgumentException($"tolerances has {tolerances.Count} entries but expected has {expected.Count}: give one tolerance per number.", nameof(tolerances));
        if (labels is not null && labels.Count != expected.Count)
            throw new ArgumentException($"labels has {labels.Count} entries but expected has {expected.Count}: give one label per number.", nameof(labels));
        for (int i = 0; i < expected.Count; i++) CheckExpected(expected[i], $"{nameof(expected)}[{i}]");
        if (answer is null) return Unanswered(name, "the answer is null");
        if (answer.Count != expected.Count)
            return Failed(name, $"expected {expected.Count} numbers, got {answer.Count}.", hint);
        string Label(int i) => labels?[i] ?? $"entry {i}";
        int missing = Enumerable.Range(0, answer.Count).FirstOrDefault(i => double.IsNaN(answer[i]), -1);
        if (missing >= 0) return Unanswered(name, $"{Label(missing)} is NaN");
        var wrong = Enumerable.Range(0, answer.Count)
            .Where(i => !(System.Math.Abs(answer[i] - expected[i]) <= tolerances[i].AllowedMiss(expected[i]))).ToList();
        if (wrong.Count == 0) return new CheckResult(name, true, $"all {answer.Count} values are right.");
        int first = wrong[0];
        string what = double.IsInfinity(answer[first])
            ? $"{Label(first)} is {Show(answer[first])}"
            : $"{Label(first)}: {Show(answer[first])} {Miss(answer[first], expected[first])}";
        string count = wrong.Count == 1 ? "" : $" ({wrong.Count} of {answer.Count} values are wrong)";
        return Failed(name, $"{what}{count} (allowed: {tolerances[first]}).", hint);
    }

    /// <summary>A verdict decided by the caller (e.g. a property of a function the student wrote).</summary>
    /// <param name="name">The exercise.</param>
    /// <param name="passed">Whether the answer is right.</param>
    /// <param name="message">What was found: on a pass, what is right; on a failure, what is wrong (without the expected value).</param>
    /// <param name="hint">Shown after a failure's message.</param>
    public static CheckResult Verdict(string name, bool passed, string message, string? hint = null)
    {
        CheckName(name);
        if (string.IsNullOrWhiteSpace(message))
            throw new ArgumentException("message is empty: say what the check found.", nameof(message));
        return passed ? new CheckResult(name, true, message) : Failed(name, message, hint);
    }

    /// <summary>The verdict for an answer the student has not given yet (a NaN or null placeholder).</summary>
    public static CheckResult Unanswered(string name, string what) =>
        new(name, false, $"no answer yet ({what}): replace the placeholder with your computation.");

    /// <summary>Prints <see cref="Compare(string, double, double, Tolerance, string?)"/>'s verdict with an absolute tolerance.</summary>
    public static bool Check(string name, double answer, double expected, double tolerance = 1e-3, string? hint = null) =>
        Compare(name, answer, expected, Tolerance.Absolute(tolerance), hint).Report();

    /// <summary>Prints a verdict on a condition; <paramref name="whatWasChecked"/> says what a pass means.</summary>
    public static bool Check(string name, bool condition, string whatWasChecked, string? hint = null) =>
        Verdict(name, condition, condition ? whatWasChecked : $"not yet: {whatWasChecked}", hint).Report();

    /// <summary>Prints the element-wise comparison's verdict with an absolute tolerance.</summary>
    public static bool Check(string name, IReadOnlyList<double> answer, IReadOnlyList<double> expected, double tolerance = 1e-3, string? hint = null) =>
        Compare(name, answer, expected, Tolerance.Absolute(tolerance), hint).Report();

    /// <summary>
    /// Which way and roughly how far <paramref name="answer"/> misses <paramref name="expected"/>, in words that do not
    /// give the expected value away: "has the wrong sign", "is too high, off by one to ten percent", "is too low, off by a factor of two to ten".
    /// </summary>
    internal static string Miss(double answer, double expected)
    {
        string direction = answer > expected ? "is too high" : "is too low";
        if (expected == 0 || answer == 0) return direction;
        if (System.Math.Sign(answer) != System.Math.Sign(expected)) return "has the wrong sign";
        double ratio = answer / expected, off = System.Math.Abs(ratio - 1);
        // In words, so no digit in the phrase can be mistaken for (or collide with) the expected value's digits.
        string size = off < 0.01 ? "less than one percent"
            : off < 0.1 ? "one to ten percent"
            : ratio is >= 0.5 and <= 2 ? "ten percent to a factor of two"
            : ratio is >= 0.1 and <= 10 ? "a factor of two to ten"
            : "more than a factor of ten";
        return $"{direction}, off by {size}";
    }

    /// <summary>A number as messages show it: up to 6 significant digits, invariant culture.</summary>
    internal static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    static CheckResult Failed(string name, string message, string? hint) =>
        new(name, false, hint is null ? message : $"{message} Hint: {hint}");

    static CheckResult Infinite(string name, double answer, string? hint) =>
        Failed(name, $"{Show(answer)} is infinite: look for a log of 0 or a division by 0.", hint);

    static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("name is empty: say which exercise is checked, e.g. \"Exercise 1\".", nameof(name));
    }

    static void CheckExpected(double expected, string name)
    {
        if (!double.IsFinite(expected))
            throw new ArgumentException($"{name} = {Show(expected)}: the check's own reference value must be finite (a bug in the check, not in the answer).", name);
    }
}

/// <summary>
/// How close an answer must be: an absolute distance (<see cref="Absolute"/>) or a fraction of the expected value's size
/// (<see cref="Relative"/>, for answers whose scale varies, like a parameter count or a log-likelihood in the thousands).
/// </summary>
public readonly struct Tolerance
{
    Tolerance(double value, bool isRelative)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "A tolerance must be finite and at least 0.");
        Value = value;
        IsRelative = isRelative;
    }

    /// <summary>|answer − expected| ≤ <paramref name="distance"/>.</summary>
    public static Tolerance Absolute(double distance) => new(distance, false);

    /// <summary>|answer − expected| ≤ <paramref name="fraction"/>·|expected| (so an expected 0 must be met exactly).</summary>
    public static Tolerance Relative(double fraction) => new(fraction, true);

    /// <summary>The distance, or the fraction of |expected|.</summary>
    public double Value { get; }

    /// <summary>True for a fraction of |expected|, false for an absolute distance.</summary>
    public bool IsRelative { get; }

    /// <summary>The largest |answer − expected| that passes.</summary>
    public double AllowedMiss(double expected) => IsRelative ? Value * System.Math.Abs(expected) : Value;

    /// <inheritdoc/>
    public override string ToString() => IsRelative ? $"a relative error of {Exercise.Show(Value)}" : $"±{Exercise.Show(Value)}";
}

/// <summary>An exercise check's verdict: passed or not, and a message that helps without giving the answer away.</summary>
public sealed record CheckResult(string Name, bool Passed, string Message)
{
    /// <summary>
    /// Prints the verdict with a tick or a cross and returns <see cref="Passed"/>; when <see cref="Exercise.Strict"/> is on,
    /// a failure throws <see cref="ExerciseFailedException"/> instead.
    /// </summary>
    public bool Report()
    {
        if (!Passed && Exercise.Strict)
            throw new ExerciseFailedException($"{Name}: {Message}");
        Console.WriteLine(ToString());
        return Passed;
    }

    /// <summary>Adds <paramref name="note"/> (the exercise's takeaway, which may name the answer) to a passed verdict only.</summary>
    public CheckResult OnPass(string note) => Passed ? this with { Message = $"{Message} {note}" } : this;

    /// <inheritdoc/>
    public override string ToString() => $"{(Passed ? "✅" : "❌")} {Name}: {Message}";
}

/// <summary>A check failed while <see cref="Exercise.Strict"/> was on (reference solutions should always pass).</summary>
public sealed class ExerciseFailedException(string message) : Exception(message);
