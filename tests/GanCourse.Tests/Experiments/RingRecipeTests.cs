using GanCourse.Tests.Models;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Experiments;

[Collection(ExclusiveTorchRngCollection.Name)] // Train seeds torch's global generator and builds the models from it
public class RingRecipeTests
{
    static readonly GaussianMixture2D Ring = Toy2D.Ring();

    [Fact]
    public void TrainerOptionsCarryEveryTrick()
    {
        var recipe = new RingRecipe("all tricks")
        {
            BatchSize = 64, ZDim = 8, GeneratorLearningRate = 3e-4, DiscriminatorLearningRate = 5e-5, RealLabel = 0.9, CriticSteps = 3,
        };
        var options = recipe.TrainerOptions(seed: 7, snapshotEvery: 25, snapshotSamples: 300);
        Assert.Equal((64, 8, 3e-4, 5e-5, 3, 7, 300, 25), (options.BatchSize, options.ZDim, options.GeneratorLearningRate,
            options.DiscriminatorLearningRate, options.DiscriminatorSteps, options.Seed, options.SnapshotSamples, options.SnapshotEvery));
        Assert.Equal(GanLoss.NonSaturating.WithRealLabel(0.9).Name, options.Loss.Name);
        Assert.Equal(GanLoss.NonSaturating.Name, new RingRecipe("plain").TrainerOptions(1, 50).Loss.Name);
        Assert.False(options.SnapshotAtEpochEnd);
    }

    [Fact]
    public void ModelsFollowTheSwitches()
    {
        var recipe = new RingRecipe("bn + tanh") { Hidden = 16, ZDim = 4, BatchNorm = true, Tanh = true };
        using var g = recipe.Generator();
        using var d = recipe.Discriminator();
        Assert.True(g.BatchNorm && g.Tanh);
        Assert.Equal(4, g.ZDim);
        Assert.Equal(2, d.InDim);
        Assert.Equal(new long[] { 16, 2 }, d.named_parameters().Single(p => p.name == "input.weight").parameter.shape);
    }

    [Fact]
    public void TrainingIsReproducibleAndCoverageIsMeasuredInTheDataUnits()
    {
        using var scope = NewDisposeScope();
        var data = Ring.Sample(2_000, seed: 1);
        var recipe = new RingRecipe("scaled") { Scale = 0.5, Hidden = 16, BatchSize = 32 };
        var first = recipe.Train(data, seed: 3, steps: 20, snapshotEvery: 10, snapshotSamples: 200);
        var again = recipe.Train(data, seed: 3, steps: 20, snapshotEvery: 10, snapshotSamples: 200);
        var other = recipe.Train(data, seed: 4, steps: 20, snapshotEvery: 10, snapshotSamples: 200);
        Assert.Equal(new[] { 0, 10, 20 }, first.Snapshots.Select(s => s.Step));
        Assert.Equal(first.Snapshots[^1].Values, again.Snapshots[^1].Values);
        Assert.NotEqual(first.Snapshots[^1].Values, other.Snapshots[^1].Values);
        // Points are the generator's output divided by the scale, and coverage is measured on them.
        var raw = first.Snapshots[^1].ToTensor();
        Assert.True(recipe.Points(first.Snapshots[^1]).allclose(raw * 2));
        var coverage = recipe.Coverage(first, Ring);
        Assert.Equal(3, coverage.Length);
        Assert.Equal(Ring.Coverage(raw * 2).HighQualityPerMode, coverage[^1].HighQualityPerMode);
        Assert.Equal(200, coverage[^1].Total);
    }

    [Fact]
    public void TrickedRecipesTrainToo()
    {
        using var scope = NewDisposeScope();
        var data = Ring.Sample(1_000, seed: 1);
        var recipe = new RingRecipe("every trick") { Scale = 0.45, Tanh = true, BatchNorm = true, RealLabel = 0.9, CriticSteps = 2, Hidden = 8 };
        var history = recipe.Train(data, seed: 1, steps: 5, snapshotEvery: 5, snapshotSamples: 50);
        Assert.Equal(5, history.Count);
        Assert.All(history.Snapshots, s => Assert.All(s.Values, v => Assert.InRange(v, -1f, 1f)));
    }

    [Fact]
    public void BadSettingsNameTheFieldToFix()
    {
        using var data = zeros(100, 2);
        Assert.Contains("RingRecipe.Hidden", Assert.Throws<ArgumentOutOfRangeException>(() => new RingRecipe("x") { Hidden = 0 }.Generator()).Message);
        Assert.Contains("RingRecipe.CriticSteps", Assert.Throws<ArgumentOutOfRangeException>(() => new RingRecipe("x") { CriticSteps = 0 }.TrainerOptions(1, 10)).Message);
        Assert.Contains("RingRecipe.Scale", Assert.Throws<ArgumentOutOfRangeException>(() => new RingRecipe("x") { Scale = 0 }.Discriminator()).Message);
        Assert.Contains("RingRecipe.DiscriminatorLearningRate",
            Assert.Throws<ArgumentOutOfRangeException>(() => new RingRecipe("x") { DiscriminatorLearningRate = -1 }.Generator()).Message);
        Assert.Contains("realLabel", Assert.Throws<ArgumentOutOfRangeException>(() => new RingRecipe("x") { RealLabel = 1.5 }.Generator()).Message);
        Assert.Contains("steps", Assert.Throws<ArgumentOutOfRangeException>(() => new RingRecipe("x").Train(data, 1, steps: 0, snapshotEvery: 10)).Message);
        Assert.Contains("snapshotEvery", Assert.Throws<ArgumentOutOfRangeException>(() => new RingRecipe("x").TrainerOptions(1, 0)).Message);
    }
}
