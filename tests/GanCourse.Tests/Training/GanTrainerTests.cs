using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Training;

public class GanTrainerTests
{
    /// <summary>
    /// On a 1-D toy problem the generator's distribution moves toward the data: G starts near 0 and the data is
    /// N(4, 0.5²); after training, G's sample mean is within 1 of 4.
    /// </summary>
    [Fact]
    public void ToyGeneratorMovesTowardTheData()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(11);
        using var g = new ToyGenerator(zDim: 1, outDim: 1, hidden: 16);
        using var d = new ToyDiscriminator(inDim: 1, hidden: 16);
        var data = TrainerFixtures.Gaussian1D(4096, mean: 4, std: 0.5, seed: 12);
        using var trainer = new GanTrainer(g, d, data, new GanTrainerOptions
        {
            BatchSize = 64, ZDim = 1, GeneratorLearningRate = 2e-3, DiscriminatorLearningRate = 2e-3, SnapshotSamples = 0, Seed = 3,
        });
        float before = g.forward(randn(2000, 1)).mean().item<float>();
        trainer.Run(600);
        float after;
        using (no_grad()) after = g.forward(randn(2000, 1)).mean().item<float>();
        Assert.True(Math.Abs(before - 4) > 3, $"G should start far from the data mean; its mean was {before}.");
        Assert.True(Math.Abs(after - 4) < 1, $"G's mean should approach 4; it is {after} after 600 steps (was {before}).");
    }

    /// <summary>
    /// Early in training D learns first: D(x) rises above ½ and D(G(z)) falls below it, as in the lecture's run
    /// (here on synthetic MNIST-shaped digits).
    /// </summary>
    [Fact]
    public void DiscriminatorScoresSeparateEarlyInTraining()
    {
        using var scope = NewDisposeScope();
        var (g, d) = TrainerFixtures.SmallMlp(seed: 21, zDim: 16, hidden: 32);
        var data = PrototypeDigits.Make(2048, seed: 22);
        using var trainer = new GanTrainer(g, d, data, new GanTrainerOptions { BatchSize = 64, ZDim = 16, Seed = 1, SnapshotSamples = 0 });
        var h = trainer.Run(60);
        Assert.Equal(60, h.Count);
        Assert.InRange(h.RealScore[0], 0.4, 0.6);
        Assert.InRange(h.FakeScore[0], 0.4, 0.6);
        Assert.InRange(h.DiscriminatorLoss[0], 0.63, 0.73);
        Assert.InRange(h.GeneratorLoss[0], 0.6, 0.8);
        double realLate = h.RealScore.Skip(50).Average(), fakeLate = h.FakeScore.Skip(50).Average();
        Assert.True(realLate > 0.55 && realLate > h.RealScore[0] + 0.05, $"mean D(x) over steps 51-60 was {realLate}");
        Assert.True(fakeLate < 0.45 && fakeLate < h.FakeScore[0] - 0.05, $"mean D(G(z)) over steps 51-60 was {fakeLate}");
        Assert.True(h.DiscriminatorLoss.Skip(50).Average() < h.DiscriminatorLoss[0]);
        Assert.All(h.GeneratorGradNorm, v => Assert.True(v > 0));
        Assert.All(h.DiscriminatorGradNorm, v => Assert.True(v > 0));
    }

    /// <summary>
    /// Algorithm 1's k: the discriminator loss is evaluated and D updated k times per step, G once; real batches
    /// are consumed k per step, so epochs end every BatchesPerEpoch / k steps. The updates are counted through the
    /// parameters: each loss adds the sum of one bias of its own player, so every SGD update of that player lowers
    /// each entry of the bias by exactly the learning rate (the rest of the loss is multiplied by 0).
    /// </summary>
    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(3, false)]
    public void EachStepMakesKDiscriminatorUpdatesAndOneGeneratorUpdate(int k, bool fastPath)
    {
        using var scope = NewDisposeScope();
        var (g, d) = TrainerFixtures.SmallMlp(seed: 31);
        var data = PrototypeDigits.Make(32 * 12, seed: 32);
        var gBias = g.named_parameters().First(p => p.name.EndsWith("bias")).parameter;
        var dBias = d.named_parameters().First(p => p.name.EndsWith("bias")).parameter;
        float g0 = gBias.detach()[0].item<float>(), d0 = dBias.detach()[0].item<float>();
        int dCalls = 0, gCalls = 0;
        var counting = new GanLoss("counting",
            (r, f) => { dCalls++; return (r.mean() + f.mean()) * 0 + dBias.sum(); },
            f => { gCalls++; return f.mean() * 0 + gBias.sum(); });
        using var trainer = new GanTrainer(g, d, data, new GanTrainerOptions
        {
            BatchSize = 32, ZDim = 8, DiscriminatorSteps = k, SnapshotSamples = 0, Loss = counting, FastPath = fastPath,
            Optimizer = OptimizerKind.Sgd, DiscriminatorLearningRate = 1.0 / 64, GeneratorLearningRate = 1.0 / 32,
        });
        trainer.Run(8);
        Assert.Equal(8 * k, dCalls);
        Assert.Equal(8, gCalls);
        Assert.Equal(d0 - 8 * k / 64.0, dBias.detach()[0].item<float>(), 1e-5);
        Assert.Equal(g0 - 8 / 32.0, gBias.detach()[0].item<float>(), 1e-5);
        Assert.Equal(12, trainer.BatchesPerEpoch);
        Assert.Equal(8 * k / 12, trainer.Epoch);
        Assert.Equal(Enumerable.Range(1, 8).Where(s => s * k / 12 > (s - 1) * k / 12).ToArray(), trainer.History.EpochEnds.ToArray());
    }

    /// <summary>
    /// One-sided label smoothing (<see cref="GanLoss.WithRealLabel"/>, the one route) equals an independent formula:
    /// J(D) = -½[0.9 log σ(r) + 0.1 log(1-σ(r))] - ½ log(1-σ(f)), checked on the first steps of identical runs.
    /// </summary>
    [Fact]
    public void LabelSmoothingMatchesTheFormula()
    {
        using var scope = NewDisposeScope();
        var data = PrototypeDigits.Make(256, seed: 41);
        var (g1, d1) = TrainerFixtures.SmallMlp(seed: 42);
        var (g2, d2) = TrainerFixtures.SmallMlp(seed: 43);
        var (g3, d3) = TrainerFixtures.SmallMlp(seed: 44);
        foreach (var (g, d) in new[] { (g2, d2), (g3, d3) })
        {
            TrainerFixtures.CopyWeights(g1, g);
            TrainerFixtures.CopyWeights(d1, d);
        }
        var options = new GanTrainerOptions { BatchSize = 64, ZDim = 8, Seed = 5, SnapshotSamples = 0 };
        using var smoothed = new GanTrainer(g1, d1, data, options with { Loss = GanLoss.NonSaturating.WithRealLabel(0.9) });
        using var formula = new GanTrainer(g2, d2, data, options with
        {
            Loss = new GanLoss("formula",
                (r, f) => -0.5 * (0.9 * nn.functional.logsigmoid(r) + 0.1 * nn.functional.logsigmoid(-r)).mean()
                          - 0.5 * nn.functional.logsigmoid(-f).mean(),
                f => -nn.functional.logsigmoid(f).mean()),
        });
        using var plain = new GanTrainer(g3, d3, data, options);
        var a = smoothed.Run(3);
        var b = formula.Run(3);
        var c = plain.Run(3);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(b.DiscriminatorLoss[i], a.DiscriminatorLoss[i], 1e-5);
            Assert.Equal(b.GeneratorLoss[i], a.GeneratorLoss[i], 1e-5);
        }
        // Without smoothing the first step's loss differs (same weights, batch and noise).
        Assert.True(Math.Abs(c.DiscriminatorLoss[0] - a.DiscriminatorLoss[0]) > 1e-3);
        Assert.Equal(c.RealScore[0], a.RealScore[0]);
        Assert.Equal(c.FakeScore[0], a.FakeScore[0]);
    }

    [Fact]
    public void SnapshotsComeFromFixedNoiseAtChosenStepsAndEpochEnds()
    {
        using var scope = NewDisposeScope();
        var (g, d) = TrainerFixtures.SmallMlp(seed: 51);
        var data = PrototypeDigits.Make(32 * 5, seed: 52);
        using var trainer = new GanTrainer(g, d, data, new GanTrainerOptions
        {
            BatchSize = 32, ZDim = 8, SnapshotSamples = 6, SnapshotEvery = 4, SnapshotAtEpochEnd = true,
        });
        var h = trainer.Run(10);
        Assert.Equal(new[] { 0, 4, 5, 8, 10 }, h.Snapshots.Select(s => s.Step).ToArray());
        Assert.Equal(new[] { 5, 10 }, h.EpochEnds.ToArray());
        Assert.Equal(new[] { 0, 0, 1, 1, 2 }, h.Snapshots.Select(s => s.Epoch).ToArray());
        foreach (var s in h.Snapshots)
        {
            Assert.Equal(new long[] { 6, 784 }, s.Shape);
            Assert.All(s.Values, v => Assert.InRange(v, 0f, 1f));
            Assert.Equal(s.Values, s.ToTensor().data<float>().ToArray());
        }
        Assert.NotEqual(h.Snapshots[0].Values, h.Snapshots[^1].Values);
    }

    [Fact]
    public void ProgressIsReportedEveryReportEverySteps()
    {
        using var scope = NewDisposeScope();
        var (g, d) = TrainerFixtures.SmallMlp(seed: 61);
        var data = PrototypeDigits.Make(256, seed: 62);
        using var trainer = new GanTrainer(g, d, data, new GanTrainerOptions { BatchSize = 32, ZDim = 8, ReportEvery = 4, SnapshotSamples = 0 });
        var progress = new RecordingProgress();
        trainer.Run(10, progress);
        Assert.Equal(new[] { 4, 8, 10 }, progress.Reports.Select(p => p.Step).ToArray());
        Assert.All(progress.Reports, p => Assert.Equal(10, p.TargetStep));
        var last = progress.Reports[^1];
        Assert.Equal(trainer.History.DiscriminatorLoss[9], last.DiscriminatorLoss);
        Assert.Equal(trainer.History.FakeScore[9], last.FakeScore);
        Assert.True(last.StepsPerSecond > 0);
        Assert.Contains("step 10/10", last.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RunEpochsStopsAfterWholePassesOverTheData(int k)
    {
        using var scope = NewDisposeScope();
        var (g, d) = TrainerFixtures.SmallMlp(seed: 63);
        var data = PrototypeDigits.Make(32 * 6, seed: 64);
        using var trainer = new GanTrainer(g, d, data, new GanTrainerOptions
        {
            BatchSize = 32, ZDim = 8, DiscriminatorSteps = k, SnapshotSamples = 0, ReportEvery = 1,
        });
        var progress = new RecordingProgress();
        trainer.RunEpochs(2, progress);
        Assert.Equal(2, trainer.Epoch);
        Assert.Equal(12 / k, trainer.Step);
        Assert.Equal(new[] { 6 / k, 12 / k }, trainer.History.EpochEnds.ToArray());
        Assert.All(progress.Reports, p => Assert.Equal(12 / k, p.TargetStep));
        trainer.RunEpochs(1);
        Assert.Equal(3, trainer.Epoch);
        Assert.Equal(18 / k, trainer.Step);
    }

    /// <summary>Cancelling stops before the next step; the steps already done are in the history.</summary>
    [Fact]
    public void CancellingKeepsWhatWasRecorded()
    {
        using var scope = NewDisposeScope();
        var (g, d) = TrainerFixtures.SmallMlp(seed: 65);
        var data = PrototypeDigits.Make(128, seed: 66);
        using var cancel = new CancellationTokenSource();
        using var trainer = new GanTrainer(g, d, data, new GanTrainerOptions { BatchSize = 16, ZDim = 8, SnapshotSamples = 0, ReportEvery = 3 });
        // Reports come at steps 3 and 6; the one at step 6 cancels, so step 7 never starts.
        var progress = new CancelFrom(step: 4, cancel);
        Assert.Throws<OperationCanceledException>(() => trainer.Run(100, progress, cancel.Token));
        Assert.Equal(6, trainer.Step);
        Assert.Equal(6, trainer.History.Count);
        Assert.Equal(2, progress.Reports);
    }

    sealed class CancelFrom(int step, CancellationTokenSource cancel) : IProgress<TrainingProgress>
    {
        public int Reports { get; private set; }

        public void Report(TrainingProgress value)
        {
            Reports++;
            if (value.Step >= step) cancel.Cancel();
        }
    }

    [Fact]
    public void ConditionalGanTrainsWithLabels()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(71);
        using var g = new ConditionalMlpGenerator(zDim: 8, classes: 10, hidden: 16);
        using var d = new ConditionalMlpDiscriminator(classes: 10, hidden: 16);
        var (images, labels) = PrototypeDigits.MakeLabelled(320, seed: 72);
        using var trainer = new GanTrainer(g, d, images, labels, new GanTrainerOptions { BatchSize = 32, ZDim = 8, SnapshotSamples = 10 });
        var h = trainer.Run(5);
        Assert.Equal(5, h.Count);
        Assert.Equal(new long[] { 10, 784 }, h.Snapshots[0].Shape);
    }

    [Fact]
    public void BadSettingsFailWithMessagesThatSayWhatToChange()
    {
        using var scope = NewDisposeScope();
        var (g, d) = TrainerFixtures.SmallMlp(seed: 81);
        var data = PrototypeDigits.Make(100, seed: 82);
        var e = Assert.Throws<ArgumentException>(() => new GanTrainer(g, d, data, new GanTrainerOptions { BatchSize = 128, ZDim = 8 }));
        Assert.Contains("data has 100 examples, fewer than one batch (BatchSize 128)", e.Message);
        e = Assert.Throws<ArgumentNullException>(() => new GanTrainer(g, d, data, new GanTrainerOptions { BatchSize = 10, ZDim = 8, Loss = null! }));
        Assert.Contains("GanTrainerOptions.Loss must be set", e.Message);
        var o = Assert.Throws<ArgumentOutOfRangeException>(() => new GanTrainer(g, d, data, new GanTrainerOptions { DiscriminatorSteps = 0 }));
        Assert.Contains("DiscriminatorSteps must be at least 1", o.Message);
        e = Assert.Throws<ArgumentException>(() => new GanTrainer(g, d, data.to(ScalarType.Int64), new GanTrainerOptions { BatchSize = 10, ZDim = 8 }));
        Assert.Contains("data must be a floating-point tensor", e.Message);
        e = Assert.Throws<ArgumentException>(() => new GanTrainer(g, d, data, new GanTrainerOptions { BatchSize = 10, ZDim = 8, CheckpointEvery = 5 }));
        Assert.Contains("CheckpointPath", e.Message);
    }
}
