using Xunit;

namespace GanCourse.Tests.Exercises;

[Collection("Console")] // these tests redirect Console.Out
public class ExerciseTests
{
    static (bool Result, string Printed) Capture(Func<bool> check) => ConsoleCapture.Run(check);

    [Fact]
    public void RightAnswerPrintsATick()
    {
        var (ok, printed) = Capture(() => Exercise.Check("Exercise 1", 0.3466, 0.34657, 1e-3));
        Assert.True(ok);
        Assert.Contains("✅ Exercise 1", printed);
    }

    [Fact]
    public void WrongAnswerPrintsACrossWithTheHint()
    {
        var (ok, printed) = Capture(() => Exercise.Check("Exercise 2", 0.5, 0.25, 1e-3, hint: "use natural logs"));
        Assert.False(ok);
        Assert.Contains("❌ Exercise 2", printed);
        Assert.Contains("Hint: use natural logs", printed);
    }

    [Fact]
    public void MissingAnswerSaysSo()
    {
        var (ok, printed) = Capture(() => Exercise.Check("Exercise 3", double.NaN, 1.0));
        Assert.False(ok);
        Assert.Contains("no answer yet", printed);
    }

    [Fact]
    public void StrictModeThrowsOnAWrongAnswerOnly()
    {
        Exercise.Strict = true;
        try
        {
            var e = Assert.Throws<ExerciseFailedException>(() => Exercise.Check("Exercise 4", false, "D* is 1/2 everywhere"));
            Assert.Contains("Exercise 4", e.Message);
            Assert.True(Capture(() => Exercise.Check("Exercise 4", true, "D* is 1/2 everywhere")).Result);
        }
        finally { Exercise.Strict = false; }
    }

    [Fact]
    public void SequencesAreComparedElementWise()
    {
        Assert.True(Capture(() => Exercise.Check("Nash", new[] { 4 / 7.0, 3 / 7.0 }, new[] { 0.5714, 0.4286 }, 1e-3)).Result);
        var (ok, printed) = Capture(() => Exercise.Check("Nash", new[] { 0.5, 0.5 }, new[] { 0.5714, 0.4286 }, 1e-3));
        Assert.False(ok);
        Assert.Contains("entry 0", printed);
    }

    [Fact]
    public void SequenceWithAPlaceholderLeftSaysSoWithoutGivingTheAnswerAway()
    {
        var (ok, printed) = Capture(() => Exercise.Check("Passes", new[] { 7.0, double.NaN }, new[] { 7.0, 4.0 }, 0));
        Assert.False(ok);
        Assert.Contains("no answer yet (entry 1 is NaN)", printed);
        Assert.DoesNotContain("4", printed);
    }
}
