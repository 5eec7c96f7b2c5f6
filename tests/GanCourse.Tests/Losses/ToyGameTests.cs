using Xunit;

namespace GanCourse.Tests.Losses;

public class ToyGameTests
{
    static readonly ToyGameOptions Short = new() { Rounds = 40, EvaluateEvery = 20, EvaluationSamples = 500 };

    [Fact]
    public void TheSameSeedGivesTheSameRunAndTheRecordsHaveTheirShapes()
    {
        var a = ToyGame.Train(Short, seed: 3);
        var b = ToyGame.Train(Short, seed: 3);
        Assert.Equal(a.GradientNorm, b.GradientNorm);
        Assert.Equal(a.Distance, b.Distance);
        Assert.Equal(40, a.GradientNorm.Length);
        Assert.Equal(new[] { 20, 40 }, a.DistanceRounds);
        Assert.Null(a.DivergedAt);
        Assert.All(a.GradientNorm, g => Assert.True(g > 0 && double.IsFinite(g)));
        // Top 5 % of 128 samples is 6 samples: their share is at least 6/128 and at most 1.
        Assert.All(a.TopShare, s => Assert.InRange(s, 6.0 / 128 - 1e-9, 1));
        Assert.NotEqual(a.GradientNorm, ToyGame.Train(Short, seed: 4).GradientNorm);
    }

    [Fact]
    public void FromAWinningDiscriminatorTheMinimaxGradientIsFarSmallerThanTheNonSaturatingOne()
    {
        var start = Short with { PretrainSteps = 300, Rounds = 10 };
        var minimax = ToyGame.Train(start with { Loss = GanLoss.Minimax }, seed: 1);
        var nonSaturating = ToyGame.Train(start with { Loss = GanLoss.NonSaturating }, seed: 1);
        Assert.True(minimax.FakeScore[0] < 0.01, $"D(G(z)) = {minimax.FakeScore[0]}");
        Assert.Equal(minimax.FakeScore[0], nonSaturating.FakeScore[0], 6); // the same pre-trained D and G
        Assert.True(nonSaturating.MedianGradientNorm(1, 10) > 30 * minimax.MedianGradientNorm(1, 10));
    }

    [Fact]
    public void ARunThatBlowsUpIsStoppedAndReported()
    {
        var run = ToyGame.Train(Short with { Loss = GanLoss.MaximumLikelihood, GeneratorLearningRate = 1e6, Rounds = 200 }, seed: 1);
        Assert.NotNull(run.DivergedAt);
        int round = run.DivergedAt!.Value;
        Assert.True(double.IsNaN(run.GradientNorm[round - 1]) && double.IsNaN(run.GradientNorm[^1]));
        Assert.True(double.IsPositiveInfinity(run.FinalDistance));
        Assert.True(double.IsNaN(run.FinalMean));
        Assert.All(run.DistanceRounds, r => Assert.True(r < round));
    }

    [Fact]
    public void BadOptionsSayWhatIsWrong()
    {
        Assert.Contains("game rounds", Assert.Throws<ArgumentOutOfRangeException>(() => ToyGame.Train(Short with { Rounds = 0 }, 1)).Message);
        Assert.Contains("PretrainSteps", Assert.Throws<ArgumentOutOfRangeException>(() => ToyGame.Train(Short with { PretrainSteps = -1 }, 1)).Message);
        Assert.Contains("greater than 0", Assert.Throws<ArgumentOutOfRangeException>(() => ToyGame.Train(Short with { GeneratorLearningRate = 0 }, 1)).Message);
        Assert.Throws<ArgumentNullException>(() => ToyGame.Train(null!, 1));
        var run = ToyGame.Train(Short with { Rounds = 3 }, 1);
        Assert.Contains("not within 1..3", Assert.Throws<ArgumentOutOfRangeException>(() => run.MedianGradientNorm(1, 4)).Message);
    }
}
