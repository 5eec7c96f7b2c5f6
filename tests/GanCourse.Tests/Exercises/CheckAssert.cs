using System.Globalization;
using Xunit;

namespace GanCourse.Tests.Exercises;

/// <summary>Assertions shared by the exercise-check tests: a right answer passes; a wrong one is told so, without the answer.</summary>
static class CheckAssert
{
    public static void Right(CheckResult result) => Assert.True(result.Passed, result.ToString());

    /// <summary>The placeholder (NaN or null) is reported as "no answer yet", not as a wrong value.</summary>
    public static void Unanswered(CheckResult result)
    {
        Assert.False(result.Passed);
        Assert.StartsWith("no answer yet", result.Message);
    }

    /// <summary>
    /// A wrong answer fails with a message that is not "no answer yet" and contains none of the usual renderings of the
    /// <paramref name="expected"/> values (other than what the student's own <paramref name="answers"/> already show).
    /// </summary>
    public static void Wrong(CheckResult result, IReadOnlyList<double> expected, params double[] answers)
    {
        Assert.False(result.Passed, $"a wrong answer passed: {result}");
        Assert.DoesNotContain("no answer yet", result.Message);
        NoLeak(result.Message, expected, answers);
    }

    /// <summary>Each wrong scalar answer fails, and its message does not reveal <paramref name="expected"/>.</summary>
    public static void WrongScalars(Func<double, CheckResult> check, double expected, params double[] wrongAnswers)
    {
        Assert.NotEmpty(wrongAnswers);
        foreach (double answer in wrongAnswers) Wrong(check(answer), [expected], answer);
    }

    /// <summary>Renderings of <paramref name="value"/> a leaky message could contain: 2-6 significant digits, 1-4 decimals.</summary>
    public static IEnumerable<string> Renderings(double value)
    {
        if (value == System.Math.Round(value) && System.Math.Abs(value) < 10) return []; // a single digit is everywhere
        return new[] { "G2", "G3", "G4", "G5", "G6", "F1", "F2", "F3", "F4", "N0" }
            .Select(f => value.ToString(f, CultureInfo.InvariantCulture))
            .Where(s => s.TrimStart('-').Length >= 2).Distinct();
    }

    public static void NoLeak(string message, IReadOnlyList<double> expected, IReadOnlyList<double> answers)
    {
        var echoed = answers.Select(Exercise.Show).ToArray();
        foreach (double value in expected)
            foreach (string rendering in Renderings(value))
                if (!echoed.Any(e => e.Contains(rendering, StringComparison.Ordinal)))
                    Assert.False(message.Contains(rendering, StringComparison.Ordinal),
                        $"the message shows the expected value {value} as \"{rendering}\": {message}");
    }
}
