using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Training;

/// <summary>
/// The seam's contract (<see cref="GanTrainerOptions.FastPath"/>): the plain path (torch.optim on the models' own
/// parameters) and the fast path (flat buffers, fused Adam) train the same models on the same data and noise along
/// the same trajectory, up to float rounding, over a few hundred steps; and each resumes the other's checkpoints.
/// </summary>
public class FastPathConformanceTests
{
    const int Steps = 300;

    static GanTrainer Trainer(ToyGenerator g, ToyDiscriminator d, bool fastPath, OptimizerKind kind, double momentum)
    {
        using var gen = new torch.Generator(402);
        var data = randn(512, 2, generator: gen) * 0.5 + 1;
        double lr = kind == OptimizerKind.Adam ? 1e-3 : 1e-2;
        return new GanTrainer(g, d, data, new GanTrainerOptions
        {
            BatchSize = 64, ZDim = 4, Seed = 403, SnapshotSamples = 0, ReportEvery = 100, FastPath = fastPath, Optimizer = kind,
            Momentum = momentum, GeneratorLearningRate = lr, DiscriminatorLearningRate = lr,
        });
    }

    static (ToyGenerator G, ToyDiscriminator D) Models()
    {
        torch.manual_seed(401);
        return (new ToyGenerator(zDim: 4, outDim: 2, hidden: 16), new ToyDiscriminator(inDim: 2, hidden: 16));
    }

    static double MaxDifference(IReadOnlyList<float> a, IReadOnlyList<float> b)
    {
        Assert.Equal(a.Count, b.Count);
        return a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
    }

    /// <summary>
    /// Measured: SGD (with or without momentum) gives identical losses and weights on both paths; Adam differs by
    /// at most 7e-6 in the losses and 4e-4 in G's weights after 300 steps, while those weights moved by 0.16.
    /// </summary>
    [Theory]
    [InlineData(OptimizerKind.Adam, 0.0)]
    [InlineData(OptimizerKind.Sgd, 0.9)]
    public void PlainAndFastPathsFollowTheSameTrajectory(OptimizerKind kind, double momentum)
    {
        using var scope = NewDisposeScope();
        var (g0, d0) = Models();
        var (g1, d1) = Models();
        var (g2, d2) = Models();
        using var plain = Trainer(g1, d1, fastPath: false, kind, momentum);
        using var fast = Trainer(g2, d2, fastPath: true, kind, momentum);
        var a = plain.Run(Steps);
        var b = fast.Run(Steps);

        Assert.True(MaxDifference(a.DiscriminatorLoss, b.DiscriminatorLoss) < 1e-4);
        Assert.True(MaxDifference(a.GeneratorLoss, b.GeneratorLoss) < 1e-4);
        Assert.True(MaxDifference(a.RealScore, b.RealScore) < 1e-4);
        Assert.True(MaxDifference(a.FakeScore, b.FakeScore) < 1e-4);
        Assert.True(MaxDifference(a.DiscriminatorGradNorm, b.DiscriminatorGradNorm) < 1e-3 * a.DiscriminatorGradNorm.Max());
        Assert.True(MaxDifference(a.GeneratorGradNorm, b.GeneratorGradNorm) < 1e-3 * a.GeneratorGradNorm.Max());
        foreach (var (start, viaPlain, viaFast) in new (nn.Module, nn.Module, nn.Module)[] { (g0, g1, g2), (d0, d1, d2) })
        {
            float[] initial = TrainerFixtures.Flatten(start), p = TrainerFixtures.Flatten(viaPlain), f = TrainerFixtures.Flatten(viaFast);
            double moved = MaxDifference(initial, p), apart = MaxDifference(p, f);
            Assert.True(moved > 0.05, $"the weights moved only {moved}: the comparison would prove little");
            Assert.True(apart < 0.01 * moved, $"the paths ended {apart} apart; the weights moved {moved}");
        }
    }

    /// <summary>Both paths write the same checkpoint layout: a run checkpointed on one path continues on the other.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EachPathResumesTheOthersCheckpoint(bool writtenByFastPath)
    {
        using var scope = NewDisposeScope();
        string path = TrainerFixtures.TempPath("cross-path");
        try
        {
            var (g1, d1) = Models();
            using var straight = Trainer(g1, d1, writtenByFastPath, OptimizerKind.Adam, 0);
            straight.Run(60);
            straight.SaveCheckpoint(path);
            straight.Run(60);

            var (g2, d2) = Models();
            using var resumed = Trainer(g2, d2, !writtenByFastPath, OptimizerKind.Adam, 0);
            resumed.Resume(path);
            Assert.Equal(60, resumed.Step);
            Assert.Equal(straight.History.DiscriminatorLoss.Take(60), resumed.History.DiscriminatorLoss);
            resumed.Run(60);
            // Continuing needs the Adam moments and step count: fresh ones would move the weights far more in the
            // first steps (a step of about lr per weight) than rounding does.
            Assert.True(MaxDifference(straight.History.GeneratorLoss, resumed.History.GeneratorLoss) < 1e-4);
            Assert.True(MaxDifference(TrainerFixtures.Flatten(g1), TrainerFixtures.Flatten(g2)) < 1e-4);
        }
        finally { File.Delete(path); }
    }
}
