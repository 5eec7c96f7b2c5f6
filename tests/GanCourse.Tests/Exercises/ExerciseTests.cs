using Xunit;

namespace GanCourse.Tests.Exercises;

/// <summary>
/// The comparison rules of <see cref="Exercise"/> at their boundaries: just inside and just outside the tolerance on both
/// sides, answers below the expected value, absolute against relative tolerances, NaN and ±∞, counts and sequences.
/// </summary>
[Collection("Console")] // some tests redirect Console.Out and switch Exercise.Strict
public class ExerciseTests
{
    static bool Passes(double answer, double expected, Tolerance tolerance) =>
        Exercise.Compare("Ex", answer, expected, tolerance).Passed;

    static bool Passes(double[] answer, double[] expected, Tolerance tolerance) =>
        Exercise.Compare("Ex", answer, expected, tolerance).Passed;

    // ---------- scalar, absolute tolerance ----------

    [Theory]
    [InlineData(2.5)]
    [InlineData(-2.5)]
    [InlineData(250.0)]
    public void AnAbsoluteToleranceAcceptsJustInsideAndRejectsJustOutsideOnBothSides(double expected)
    {
        var tolerance = Tolerance.Absolute(0.01);
        Assert.True(Passes(expected, expected, tolerance));
        Assert.True(Passes(expected + 0.0099, expected, tolerance));
        Assert.True(Passes(expected - 0.0099, expected, tolerance));
        Assert.False(Passes(expected + 0.0101, expected, tolerance));
        Assert.False(Passes(expected - 0.0101, expected, tolerance));
    }

    [Fact]
    public void AnswersFarBelowTheExpectedValueFail()
    {
        // Without the absolute value of the miss, every answer below the expected value would pass.
        var tolerance = Tolerance.Absolute(1e-3);
        Assert.False(Passes(-1e9, 0.34657, tolerance));
        Assert.False(Passes(0.3, 0.34657, tolerance));
        Assert.False(Passes(-0.34657, 0.34657, tolerance));
        Assert.False(Passes(double.NegativeInfinity, 0.34657, tolerance));
        Assert.False(Passes(-5, 0, Tolerance.Absolute(1e-9)));
    }

    [Fact]
    public void AnAbsoluteToleranceDoesNotScaleWithTheExpectedValue()
    {
        // 250.5 is 0.2 % off: a relative tolerance of 0.01 would accept it, the absolute 0.01 must not ...
        Assert.False(Passes(250.5, 250, Tolerance.Absolute(0.01)));
        Assert.False(Passes(-250.5, -250, Tolerance.Absolute(0.01)));
        // ... and 0.508 is 0.008 off 0.5: inside ±0.01, though 1.6 % is outside a relative 0.01.
        Assert.True(Passes(0.508, 0.5, Tolerance.Absolute(0.01)));
        // Expected 0 with an absolute tolerance still admits a small miss.
        Assert.True(Passes(-5e-10, 0, Tolerance.Absolute(1e-9)));
    }

    [Fact]
    public void AZeroAbsoluteToleranceDemandsTheExactValue()
    {
        Assert.True(Passes(7, 7, Tolerance.Absolute(0)));
        Assert.False(Passes(7 + 1e-12, 7, Tolerance.Absolute(0)));
        Assert.False(Passes(7 - 1e-12, 7, Tolerance.Absolute(0)));
    }

    // ---------- scalar, relative tolerance ----------

    [Theory]
    [InlineData(1000.0)]
    [InlineData(-1000.0)]
    public void ARelativeToleranceScalesWithTheSizeOfTheExpectedValue(double expected)
    {
        var tolerance = Tolerance.Relative(1e-3); // ±1 around ±1000
        Assert.True(Passes(expected + 0.99, expected, tolerance));
        Assert.True(Passes(expected - 0.99, expected, tolerance));
        Assert.False(Passes(expected + 1.01, expected, tolerance));
        Assert.False(Passes(expected - 1.01, expected, tolerance));
        Assert.False(Passes(-expected, expected, tolerance));
        // The same relative tolerance is tight for a small expected value: ±0.001 around 1.
        Assert.True(Passes(1.00099, 1, tolerance));
        Assert.False(Passes(1.00101, 1, tolerance));
        Assert.False(Passes(0.99899, 1, tolerance));
    }

    [Fact]
    public void ARelativeToleranceAroundZeroDemandsExactlyZero()
    {
        Assert.True(Passes(0, 0, Tolerance.Relative(0.5)));
        Assert.False(Passes(1e-300, 0, Tolerance.Relative(0.5)));
        Assert.False(Passes(-1e-300, 0, Tolerance.Relative(0.5)));
    }

    [Fact]
    public void ToleranceKindAndSizeAreReported()
    {
        Assert.Equal(0.01, Tolerance.Absolute(0.01).AllowedMiss(250));
        Assert.Equal(2.5, Tolerance.Relative(0.01).AllowedMiss(-250));
        Assert.False(Tolerance.Absolute(1).IsRelative);
        Assert.True(Tolerance.Relative(1).IsRelative);
        Assert.Equal("±0.01", Tolerance.Absolute(0.01).ToString());
        Assert.Equal("a relative error of 1E-09", Tolerance.Relative(1e-9).ToString());
        foreach (double bad in new[] { -1e-3, double.NaN, double.PositiveInfinity })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Tolerance.Absolute(bad));
            Assert.Throws<ArgumentOutOfRangeException>(() => Tolerance.Relative(bad));
        }
    }

    // ---------- NaN, ±∞, bad references ----------

    [Fact]
    public void NaNMeansNotAnsweredYet()
    {
        var r = Exercise.Compare("Exercise 3", double.NaN, 1.0, Tolerance.Absolute(1e-3));
        Assert.False(r.Passed);
        Assert.Equal("no answer yet (the value is NaN): replace the placeholder with your computation.", r.Message);
        Assert.Contains("no answer yet", Exercise.CompareCount("Ex", double.NaN, 4).Message);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "Infinity is infinite")]
    [InlineData(double.NegativeInfinity, "-Infinity is infinite")]
    public void InfiniteAnswersFailWithAHintAboutLogsAndDivisions(double answer, string start)
    {
        foreach (var r in new[] { Exercise.Compare("Ex", answer, 1.0, Tolerance.Relative(1e300)), Exercise.CompareCount("Ex", answer, 3) })
        {
            Assert.False(r.Passed);
            Assert.StartsWith(start, r.Message);
            Assert.Contains("log of 0 or a division by 0", r.Message);
        }
    }

    [Fact]
    public void AReferenceThatIsNotFiniteIsABugInTheCheck()
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity })
        {
            Assert.Contains("must be finite", Assert.Throws<ArgumentException>(() => Exercise.Compare("Ex", 1, bad, Tolerance.Absolute(1))).Message);
            Assert.Contains("expected[1]", Assert.Throws<ArgumentException>(() =>
                Exercise.Compare("Ex", [1.0, 1.0], [1.0, bad], Tolerance.Absolute(1))).Message);
        }
        foreach (var rule in new Action[]
        {
            () => Exercise.Compare(" ", 1, 1, Tolerance.Absolute(1)),
            () => Exercise.Compare("", [1.0], [1.0], Tolerance.Absolute(1)),
            () => Exercise.Compare(" ", [1.0], [1.0], [Tolerance.Absolute(1)]),
            () => Exercise.CompareCount(" ", 1, 1),
            () => Exercise.Verdict(" ", true, "right."),
        })
            Assert.Contains("which exercise", Assert.Throws<ArgumentException>(rule).Message);
        Assert.Throws<ArgumentNullException>(() => Exercise.Compare("Ex", [1.0], null!, Tolerance.Absolute(1)));
        Assert.Throws<ArgumentNullException>(() => Exercise.Compare("Ex", [1.0], null!, [Tolerance.Absolute(1)]));
        Assert.Throws<ArgumentNullException>(() => Exercise.Compare("Ex", [1.0], [1.0], (Tolerance[])null!));
    }

    // ---------- counts ----------

    [Fact]
    public void ACountMustBeTheExactWholeNumber()
    {
        Assert.True(Exercise.CompareCount("Ex", 1_505_680, 1_505_680).Passed);
        var off = Exercise.CompareCount("Ex", 1_505_681, 1_505_680); // 7·10⁻⁷ relative: any tolerance would hide it
        Assert.False(off.Passed);
        Assert.Contains("is too high", off.Message);
        Assert.Contains("is too low", Exercise.CompareCount("Ex", 1_505_679, 1_505_680).Message);
        var half = Exercise.CompareCount("Ex", 19.5, 19, hint: "n_out = ...");
        Assert.False(half.Passed);
        Assert.Equal("19.5 is not a whole number, and a count is. Hint: n_out = ...", half.Message);
        Assert.False(Exercise.CompareCount("Ex", 19 + 1e-9, 19).Passed);
        Assert.False(Exercise.CompareCount("Ex", -19, 19).Passed);
    }

    // ---------- sequences ----------

    [Fact]
    public void SequencesAreComparedEntryByEntryAtTheBoundaryOnBothSides()
    {
        var tolerance = Tolerance.Absolute(0.01);
        double[] expected = [1.0, 2.0];
        Assert.True(Passes([1.0099, 1.9901], expected, tolerance));
        Assert.True(Passes([0.9901, 2.0099], expected, tolerance));
        Assert.False(Passes([1.0101, 2.0], expected, tolerance));
        Assert.False(Passes([0.9899, 2.0], expected, tolerance));
        Assert.False(Passes([1.0, 2.0101], expected, tolerance));
        Assert.False(Passes([1.0, 1.9899], expected, tolerance));
        Assert.False(Passes([1.0, -1e9], expected, tolerance));
        Assert.False(Passes([1.0, 2.02], expected, tolerance)); // inside a 10x tolerance, outside this one
        // Absolute, not relative: 200.5 is 0.25 % off 200, yet 0.5 away.
        Assert.False(Passes([1.0, 200.5], [1.0, 200.0], tolerance));
        Assert.True(Passes([0.5, 1005], [0.5, 1000], Tolerance.Relative(0.01)));
        Assert.False(Passes([0.5, 1011], [0.5, 1000], Tolerance.Relative(0.01)));
    }

    [Fact]
    public void EachEntryCanHaveItsOwnTolerance()
    {
        Tolerance[] tolerances = [Tolerance.Absolute(0.2), Tolerance.Absolute(0)];
        Assert.True(Exercise.Compare("Ex", [86.6, 1.0], [86.466, 1.0], tolerances).Passed);
        Assert.False(Exercise.Compare("Ex", [86.7, 1.0], [86.466, 1.0], tolerances).Passed);
        Assert.False(Exercise.Compare("Ex", [86.466, 1.1], [86.466, 1.0], tolerances).Passed);
        Assert.Contains("one tolerance per number", Assert.Throws<ArgumentException>(() =>
            Exercise.Compare("Ex", [1.0], [1.0, 2.0], [Tolerance.Absolute(1)])).Message);
    }

    [Fact]
    public void SequenceMessagesNameTheFirstWrongEntryAndCountTheRest()
    {
        var r = Exercise.Compare("Nash", [0.5, 0.5, 0.1], [0.5714, 0.4286, 0.1], Tolerance.Absolute(1e-3), "indifference", ["row 1", "row 2", "row 3"]);
        Assert.False(r.Passed);
        Assert.Equal("row 1: 0.5 is too low, off by ten percent to a factor of two (2 of 3 values are wrong) (allowed: ±0.001). Hint: indifference", r.Message);
        Assert.Equal("entry 0: 0.5 has the wrong sign (allowed: ±0.001).",
            Exercise.Compare("Ex", [0.5], [-0.5], Tolerance.Absolute(1e-3)).Message);
        Assert.Equal("entry 1 is Infinity (allowed: ±0.001).",
            Exercise.Compare("Ex", [0.5, double.PositiveInfinity], [0.5, 1], Tolerance.Absolute(1e-3)).Message);
        Assert.Equal("all 2 values are right.", Exercise.Compare("Ex", [4 / 7.0, 3 / 7.0], [0.5714, 0.4286], Tolerance.Absolute(1e-3)).Message);
    }

    [Fact]
    public void ASequenceOfTheWrongLengthOrWithAPlaceholderLeftIsNotRight()
    {
        Assert.Equal("expected 2 numbers, got 3.", Exercise.Compare("Ex", [1.0, 2.0, 3.0], [1.0, 2.0], Tolerance.Absolute(1)).Message);
        var placeholder = Exercise.Compare("Passes", [7.0, double.NaN], [7.0, 4.0], Tolerance.Absolute(0), labels: ["D", "G"]);
        Assert.False(placeholder.Passed);
        Assert.Equal("no answer yet (G is NaN): replace the placeholder with your computation.", placeholder.Message);
        Assert.Contains("no answer yet (the answer is null)", Exercise.Compare("Ex", (double[]?)null, [1.0], Tolerance.Absolute(1)).Message);
        Assert.Contains("one label per number", Assert.Throws<ArgumentException>(() =>
            Exercise.Compare("Ex", [1.0], [1.0], Tolerance.Absolute(1), labels: ["a", "b"])).Message);
    }

    // ---------- failure messages: direction and size of the miss, never the expected value ----------

    [Theory]
    [InlineData(-1.15129, 1.15129, "has the wrong sign")]
    [InlineData(1.16, 1.15129, "is too high, off by less than one percent")]
    [InlineData(1.1, 1.15129, "is too low, off by one to ten percent")]
    [InlineData(2.30258, 1.15129, "is too high, off by ten percent to a factor of two")]
    [InlineData(0.3, 1.15129, "is too low, off by a factor of two to ten")]
    [InlineData(0.01, 1.15129, "is too low, off by more than a factor of ten")]
    [InlineData(-3.5, -1.15129, "is too low, off by a factor of two to ten")]
    [InlineData(1, 2, "is too low, off by ten percent to a factor of two")]        // ratio exactly ½
    [InlineData(4, 2, "is too high, off by ten percent to a factor of two")]       // ratio exactly 2
    [InlineData(0.25, 2.5, "is too low, off by a factor of two to ten")]           // ratio exactly 0.1
    [InlineData(20, 2, "is too high, off by a factor of two to ten")]              // ratio exactly 10
    [InlineData(0.5, 0, "is too high")]
    [InlineData(0, 0.5, "is too low")]
    public void AMissSaysWhichWayAndRoughlyHowFar(double answer, double expected, string phrase)
    {
        var r = Exercise.Compare("Ex", answer, expected, Tolerance.Absolute(1e-3), "the natural log");
        Assert.False(r.Passed);
        Assert.Equal($"{Exercise.Show(answer)} {phrase} (allowed: ±0.001). Hint: the natural log", r.Message);
        CheckAssert.NoLeak(r.Message, [expected], [answer]); // only the student's own number is echoed
    }

    // ---------- printing and strict mode ----------

    [Fact]
    public void ReportPrintsATickOrACross()
    {
        var (ok, printed) = ConsoleCapture.Run(() => Exercise.Compare("Exercise 1", 0.3466, 0.34657, Tolerance.Absolute(1e-3)).Report());
        Assert.True(ok);
        Assert.Equal("✅ Exercise 1: 0.3466 is right.", printed.TrimEnd());
        (ok, printed) = ConsoleCapture.Run(() => Exercise.Check("Exercise 2", 0.5, 0.25, 1e-3, hint: "use natural logs"));
        Assert.False(ok);
        Assert.StartsWith("❌ Exercise 2: 0.5 is too high", printed);
        Assert.Contains("Hint: use natural logs", printed);
        Assert.False(ConsoleCapture.Run(() => Exercise.Check("Ex", [0.5], [0.25], 1e-3)).Result);
        (ok, printed) = ConsoleCapture.Run(() => Exercise.Check("Exercise 4", false, "D* is 1/2 everywhere", "compare the densities"));
        Assert.False(ok);
        Assert.Equal("❌ Exercise 4: not yet: D* is 1/2 everywhere Hint: compare the densities", printed.TrimEnd());
    }

    [Fact]
    public void StrictModeThrowsOnAWrongAnswerOnly()
    {
        Exercise.Strict = true;
        try
        {
            var e = Assert.Throws<ExerciseFailedException>(() => Exercise.Check("Exercise 4", false, "D* is 1/2 everywhere"));
            Assert.Equal("Exercise 4: not yet: D* is 1/2 everywhere", e.Message);
            Assert.Throws<ExerciseFailedException>(() => Exercise.Compare("Exercise 5", double.NaN, 1, Tolerance.Absolute(1)).Report());
            var (passed, printed) = ConsoleCapture.Run(() => Exercise.Check("Exercise 4", true, "D* is 1/2 everywhere"));
            Assert.True(passed);
            Assert.Equal("✅ Exercise 4: D* is 1/2 everywhere", printed.TrimEnd());
            Assert.True(ConsoleCapture.Run(() => Exercise.Check("Exercise 6", 1.0, 1.0)).Result);
        }
        finally { Exercise.Strict = false; }
    }

    [Fact]
    public void ATakeawayIsAddedToAPassOnly()
    {
        Assert.Equal("1 is right. Bounded.", Exercise.Compare("Ex", 1, 1, Tolerance.Absolute(0)).OnPass("Bounded.").Message);
        Assert.DoesNotContain("Bounded", Exercise.Compare("Ex", 2, 1, Tolerance.Absolute(0)).OnPass("Bounded.").Message);
    }

    [Fact]
    public void AVerdictNeedsAMessage()
    {
        Assert.Equal("❌ Ex: wrong. Hint: h", Exercise.Verdict("Ex", false, "wrong.", "h").ToString());
        Assert.Equal("✅ Ex: right.", Exercise.Verdict("Ex", true, "right.", "h").ToString());
        Assert.Contains("say what the check found", Assert.Throws<ArgumentException>(() => Exercise.Verdict("Ex", true, " ")).Message);
    }
}
