using System.Security.Cryptography;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Training;

public class CheckpointTests
{
    static void AssertSameHistory(TrainingHistory expected, TrainingHistory actual)
    {
        Assert.Equal(expected.DiscriminatorLoss.ToArray(), actual.DiscriminatorLoss.ToArray());
        Assert.Equal(expected.GeneratorLoss.ToArray(), actual.GeneratorLoss.ToArray());
        Assert.Equal(expected.RealScore.ToArray(), actual.RealScore.ToArray());
        Assert.Equal(expected.FakeScore.ToArray(), actual.FakeScore.ToArray());
        Assert.Equal(expected.DiscriminatorGradNorm.ToArray(), actual.DiscriminatorGradNorm.ToArray());
        Assert.Equal(expected.GeneratorGradNorm.ToArray(), actual.GeneratorGradNorm.ToArray());
        Assert.Equal(expected.EpochEnds.ToArray(), actual.EpochEnds.ToArray());
        Assert.Equal(expected.Snapshots.Select(s => s.Step), actual.Snapshots.Select(s => s.Step));
        for (int i = 0; i < expected.Snapshots.Count; i++)
            Assert.Equal(expected.Snapshots[i].Values, actual.Snapshots[i].Values);
    }

    /// <summary>
    /// Training 2N steps straight gives bitwise the same losses, scores, gradient norms, snapshots and weights as
    /// training N, checkpointing, building everything anew (other initial weights, another global seed) and
    /// resuming for N more. N is chosen so an epoch boundary (new batch order) falls in the second half.
    /// </summary>
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 0.9)]
    public void ResumingContinuesExactlyAsIfNeverStopped(int k, double realLabel)
    {
        const int n = 7;
        var data = PrototypeDigits.Make(32 * 10, seed: 101);
        var options = new GanTrainerOptions
        {
            BatchSize = 32, ZDim = 8, DiscriminatorSteps = k, RealLabel = realLabel, Seed = 9, SnapshotSamples = 4, SnapshotEvery = 3,
            ReportEvery = 5,
        };
        string path = TrainerFixtures.TempPath("resume");
        try
        {
            TrainingHistory straight;
            float[] straightG, straightD;
            using (var scope = NewDisposeScope())
            {
                var (g, d) = TrainerFixtures.SmallMlp(seed: 102);
                using var t = new GanTrainer(g, d, data, options);
                straight = t.Run(2 * n);
                straightG = TrainerFixtures.Flatten(g);
                straightD = TrainerFixtures.Flatten(d);
            }

            using (var scope = NewDisposeScope())
            {
                var (g, d) = TrainerFixtures.SmallMlp(seed: 102);
                using var t = new GanTrainer(g, d, data, options);
                t.Run(n);
                t.SaveCheckpoint(path);
            }

            using (var scope = NewDisposeScope())
            {
                var (g, d) = TrainerFixtures.SmallMlp(seed: 999); // different initial weights: all must come from the file
                torch.manual_seed(12345);
                using var t = new GanTrainer(g, d, data, options);
                t.Resume(path);
                Assert.Equal(n, t.Step);
                var resumed = t.Run(n);
                Assert.Equal(2 * n, t.Step);
                AssertSameHistory(straight, resumed);
                Assert.Equal(straightG, TrainerFixtures.Flatten(g));
                Assert.Equal(straightD, TrainerFixtures.Flatten(d));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The same identity for the DCGAN models, whose batch-norm running statistics live in buffers.</summary>
    [Fact]
    public void ResumingADcganRestoresBatchNormStatistics()
    {
        var data = PrototypeDigits.Make(16 * 4, seed: 111).view(-1, 1, 28, 28);
        var options = new GanTrainerOptions { BatchSize = 16, ZDim = 8, Seed = 2, SnapshotSamples = 2 };
        string path = TrainerFixtures.TempPath("dcgan");
        try
        {
            float[] straightG;
            TrainingHistory straight;
            using (var scope = NewDisposeScope())
            {
                using var g = new DcganGenerator(zDim: 8, features: 4);
                using var d = new DcganDiscriminator(features: 4);
                using var t = new GanTrainer(g, d, data, options);
                t.Run(3);
                t.SaveCheckpoint(path);
                straight = t.Run(3);
                straightG = TrainerFixtures.Flatten(g);
            }
            using (var scope = NewDisposeScope())
            {
                using var g = new DcganGenerator(zDim: 8, features: 4);
                using var d = new DcganDiscriminator(features: 4);
                using var t = new GanTrainer(g, d, data, options);
                t.Resume(path);
                AssertSameHistory(straight, t.Run(3));
                Assert.Equal(straightG, TrainerFixtures.Flatten(g));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CheckpointsAreWrittenAtomicallyAndLeaveNoTemporaryFiles()
    {
        using var scope = NewDisposeScope();
        string dir = Path.Combine(Path.GetTempPath(), "gan-course-tests", $"atomic-{Guid.NewGuid():N}");
        string path = Path.Combine(dir, "run.ckpt");
        try
        {
            var (g, d) = TrainerFixtures.SmallMlp(seed: 121);
            var data = PrototypeDigits.Make(64, seed: 122);
            using var t = new GanTrainer(g, d, data, new GanTrainerOptions
            {
                BatchSize = 16, ZDim = 8, CheckpointPath = path, CheckpointEvery = 2, SnapshotSamples = 0,
            });
            t.Run(5);
            Assert.Equal(new[] { "run.ckpt" }, Directory.GetFiles(dir).Select(Path.GetFileName).ToArray());
            using var other = new GanTrainer(g, d, data, new GanTrainerOptions { BatchSize = 16, ZDim = 8, SnapshotSamples = 0 });
            other.Resume(path);
            Assert.Equal(4, other.Step);
            Assert.Equal(4, other.History.Count);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ResumingWithDifferentSettingsSaysWhatDiffers()
    {
        using var scope = NewDisposeScope();
        string path = TrainerFixtures.TempPath("mismatch");
        try
        {
            var (g, d) = TrainerFixtures.SmallMlp(seed: 131);
            var data = PrototypeDigits.Make(64, seed: 132);
            using (var t = new GanTrainer(g, d, data, new GanTrainerOptions { BatchSize = 16, ZDim = 8, SnapshotSamples = 0 }))
            {
                t.Run(1);
                t.SaveCheckpoint(path);
            }
            using var other = new GanTrainer(g, d, data, new GanTrainerOptions { BatchSize = 32, ZDim = 8, SnapshotSamples = 0 });
            var e = Assert.Throws<InvalidDataException>(() => other.Resume(path));
            Assert.Contains("BatchSize = 16, but this trainer has 32", e.Message);
            var missing = Assert.Throws<FileNotFoundException>(() => other.Resume(path + ".nope"));
            Assert.Contains("No checkpoint at", missing.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// A loss that turns NaN at step 7 stops training with a message naming the step and the quantity; the
    /// checkpoint written at step 4 is left untouched (same bytes) and still loads.
    /// </summary>
    [Fact]
    public void NanLossStopsTrainingAndKeepsTheLastGoodCheckpoint()
    {
        using var scope = NewDisposeScope();
        string path = TrainerFixtures.TempPath("nan");
        try
        {
            var (g, d) = TrainerFixtures.SmallMlp(seed: 141);
            var data = PrototypeDigits.Make(128, seed: 142);
            int calls = 0;
            using var t = new GanTrainer(g, d, data, new GanTrainerOptions
            {
                BatchSize = 16, ZDim = 8, SnapshotSamples = 0, CheckpointPath = path, CheckpointEvery = 4, ReportEvery = 10,
                GeneratorLoss = f => ++calls == 7
                    ? (f * float.NaN).mean()
                    : nn.functional.binary_cross_entropy_with_logits(f, ones_like(f), null, nn.Reduction.Mean, null),
            });
            var e = Assert.Throws<TrainingDivergedException>(() => t.Run(20));
            Assert.Equal(7, e.Step);
            Assert.Equal("generator loss", e.Quantity);
            Assert.Equal(4, e.LastGoodCheckpointStep);
            Assert.Equal(Path.GetFullPath(path), e.LastGoodCheckpoint);
            Assert.StartsWith("Training diverged at step 7", e.Message);
            Assert.Contains("the generator loss became NaN", e.Message);
            Assert.Contains($"The last good checkpoint is {Path.GetFullPath(path)} (step 4)", e.Message);
            // Step 8's checkpoint was not written (the NaN was found before it).
            byte[] before = File.ReadAllBytes(path);
            var (g2, d2) = TrainerFixtures.SmallMlp(seed: 143);
            using var fresh = new GanTrainer(g2, d2, data, new GanTrainerOptions { BatchSize = 16, ZDim = 8, SnapshotSamples = 0 });
            fresh.Resume(path);
            Assert.Equal(4, fresh.Step);
            Assert.All(fresh.History.GeneratorLoss, v => Assert.True(float.IsFinite(v)));
            Assert.Equal(SHA256.HashData(before), SHA256.HashData(File.ReadAllBytes(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A learning rate of 1e30 blows the weights up; the guard names the first non-finite quantity.</summary>
    [Fact]
    public void HugeLearningRateIsCaughtAsDivergence()
    {
        using var scope = NewDisposeScope();
        var (g, d) = TrainerFixtures.SmallMlp(seed: 151);
        var data = PrototypeDigits.Make(128, seed: 152);
        using var t = new GanTrainer(g, d, data, new GanTrainerOptions
        {
            BatchSize = 16, ZDim = 8, SnapshotSamples = 0, Optimizer = OptimizerKind.Sgd,
            GeneratorLearningRate = 1e30, DiscriminatorLearningRate = 1e30, ReportEvery = 5,
        });
        var e = Assert.Throws<TrainingDivergedException>(() => t.Run(50));
        Assert.True(e.Step <= 5, $"caught at step {e.Step}");
        Assert.Null(e.LastGoodCheckpoint);
        Assert.Contains("No checkpoint had been written", e.Message);
        Assert.Matches("became (NaN|infinite)", e.Message);
    }

    /// <summary>
    /// Every step runs inside a dispose scope: the number of live tensors on this thread is the same after 30 and
    /// after 230 steps (TorchSharp's per-thread statistics), and the trainer's own tensors are released by Dispose.
    /// </summary>
    [Fact]
    public void LiveTensorCountStaysFlatOverManySteps()
    {
        var (g, d) = TrainerFixtures.SmallMlp(seed: 161);
        var data = PrototypeDigits.Make(32 * 8, seed: 162);
        var stats = DisposeScopeManager.Statistics;
        long beforeTrainer = stats.ThreadTotalLiveCount;
        using (var t = new GanTrainer(g, d, data, new GanTrainerOptions
               {
                   BatchSize = 32, ZDim = 8, SnapshotSamples = 4, SnapshotEvery = 10, ReportEvery = 7, DiscriminatorSteps = 2,
               }))
        {
            t.Run(30);
            long after30 = stats.ThreadTotalLiveCount;
            t.Run(200);
            long after230 = stats.ThreadTotalLiveCount;
            Assert.Equal(after30, after230);
        }
        Assert.Equal(beforeTrainer, stats.ThreadTotalLiveCount);
        g.Dispose();
        d.Dispose();
        data.Dispose();
    }
}
