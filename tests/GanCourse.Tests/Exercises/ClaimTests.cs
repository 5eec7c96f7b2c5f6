using Xunit;

namespace GanCourse.Tests.Exercises;

[Collection("Console")] // these tests redirect Console.Out and switch Exercise.Strict
public class ClaimTests
{
    static (bool Result, string Printed) Capture(Func<bool> claim) => ConsoleCapture.Run(claim);

    [Fact]
    public void ATrueClaimPrintsATickWithItsDetail()
    {
        var (ok, printed) = Capture(() => Claim.Holds("the value is 20/7", true, "20/7"));
        Assert.True(ok);
        Assert.Equal("✔ the value is 20/7 (20/7)", printed.TrimEnd());
    }

    [Fact]
    public void AFalseClaimPrintsACrossWhenNotStrict()
    {
        var (ok, printed) = Capture(() => Claim.Holds("the gap is below 0.1", false, "gap 0.3"));
        Assert.False(ok);
        Assert.Contains("✘ NOT CONFIRMED: the gap is below 0.1 (gap 0.3)", printed);
    }

    [Fact]
    public void AFalseClaimThrowsInStrictModeAndATrueOneDoesNot()
    {
        Exercise.Strict = true;
        try
        {
            var e = Assert.Throws<ClaimFailedException>(() => Claim.Holds("the gap is below 0.1", false, "gap 0.3"));
            Assert.Contains("the gap is below 0.1 (gap 0.3)", e.Message);
            var (ok, printed) = Capture(() => Claim.Holds("the gap is below 0.1", true));
            Assert.True(ok);
            Assert.Equal("✔ the gap is below 0.1", printed.TrimEnd()); // no detail: no parentheses
        }
        finally { Exercise.Strict = false; }
    }

    [Fact]
    public void AnEmptyStatementIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Claim.Holds(" ", true));
        Assert.Contains("say what is being claimed", e.Message);
    }
}
