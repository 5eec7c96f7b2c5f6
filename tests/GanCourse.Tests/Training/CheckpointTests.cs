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
        Assert.Equal(expected.Snapshots.Select(s => s.Epoch), actual.Snapshots.Select(s => s.Epoch));
        for (int i = 0; i < expected.Snapshots.Count; i++)
            Assert.Equal(expected.Snapshots[i].Values, actual.Snapshots[i].Values);
    }

    /// <summary>
    /// Training 2N steps straight gives bitwise the same losses, scores, gradient norms, snapshots, epoch and weights
    /// as training N, checkpointing, building everything anew (other initial weights, another global seed) and
    /// resuming for N more. N is chosen so an epoch boundary (new batch order) falls in each half when k = 2. On
    /// both training paths.
    /// </summary>
    [Theory]
    [InlineData(1, 1.0, true)]
    [InlineData(2, 0.9, true)]
    [InlineData(2, 0.9, false)]
    public void ResumingContinuesExactlyAsIfNeverStopped(int k, double realLabel, bool fastPath)
    {
        const int n = 7;
        var data = PrototypeDigits.Make(32 * 10, seed: 101);
        var options = new GanTrainerOptions
        {
            BatchSize = 32, ZDim = 8, DiscriminatorSteps = k, Loss = GanLoss.NonSaturating.WithRealLabel(realLabel), Seed = 9,
            SnapshotSamples = 4, SnapshotEvery = 3, ReportEvery = 5, FastPath = fastPath,
        };
        string path = TrainerFixtures.TempPath("resume");
        try
        {
            TrainingHistory straight;
            float[] straightG, straightD;
            int straightEpoch, epochAtN;
            using (var scope = NewDisposeScope())
            {
                var (g, d) = TrainerFixtures.SmallMlp(seed: 102);
                using var t = new GanTrainer(g, d, data, options);
                straight = t.Run(2 * n);
                straightG = TrainerFixtures.Flatten(g);
                straightD = TrainerFixtures.Flatten(d);
                straightEpoch = t.Epoch;
            }

            using (var scope = NewDisposeScope())
            {
                var (g, d) = TrainerFixtures.SmallMlp(seed: 102);
                using var t = new GanTrainer(g, d, data, options);
                t.Run(n);
                epochAtN = t.Epoch;
                t.SaveCheckpoint(path);
            }
            Assert.Equal(n * k / 10, epochAtN);

            using (var scope = NewDisposeScope())
            {
                var (g, d) = TrainerFixtures.SmallMlp(seed: 999); // different initial weights: all must come from the file
                torch.manual_seed(12345);
                using var t = new GanTrainer(g, d, data, options);
                t.Resume(path);
                Assert.Equal(n, t.Step);
                Assert.Equal(epochAtN, t.Epoch);
                var resumed = t.Run(n);
                Assert.Equal(2 * n, t.Step);
                Assert.Equal(straightEpoch, t.Epoch);
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
                Loss = GanLoss.NonSaturating with { Generator = f => ++calls == 7 ? (f * float.NaN).mean() : GeneratorLoss.NonSaturating(f) },
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
    /// after 230 steps (TorchSharp's per-thread statistics), and the trainer's own tensors are released by Dispose, on both paths.
    /// </summary>
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void LiveTensorCountStaysFlatOverManySteps(bool conditional, bool fastPath)
    {
        var (images, labels) = PrototypeDigits.MakeLabelled(32 * 8, seed: 162);
        var options = new GanTrainerOptions
        {
            BatchSize = 32, ZDim = 8, SnapshotSamples = 4, SnapshotEvery = 10, ReportEvery = 7, DiscriminatorSteps = 2, FastPath = fastPath,
        };
        torch.manual_seed(161);
        nn.Module g = conditional ? new ConditionalMlpGenerator(zDim: 8, hidden: 16) : new MlpGenerator(8, 784, 16);
        nn.Module d = conditional ? new ConditionalMlpDiscriminator(hidden: 16) : new MlpDiscriminator(784, 16);
        var stats = DisposeScopeManager.Statistics;
        long beforeTrainer = stats.ThreadTotalLiveCount;
        using (var t = conditional
                   ? new GanTrainer((ConditionalMlpGenerator)g, (ConditionalMlpDiscriminator)d, images, labels, options)
                   : new GanTrainer((MlpGenerator)g, (MlpDiscriminator)d, images, options))
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
        images.Dispose();
        labels.Dispose();
    }
}

/// <summary>Damaged and inconsistent checkpoints, and divergence before the first checkpoint (issue 13 items 5 and 6, issue 16).</summary>
public class CheckpointFaultTests
{
    static readonly GanTrainerOptions Options = new() { BatchSize = 16, ZDim = 8, SnapshotSamples = 2, ReportEvery = 5, Seed = 4 };

    static byte[] WriteCheckpoint(string path, int steps)
    {
        using var scope = NewDisposeScope();
        var (g, d) = TrainerFixtures.SmallMlp(seed: 171);
        using var t = new GanTrainer(g, d, PrototypeDigits.Make(64, seed: 172), Options);
        t.Run(steps);
        t.SaveCheckpoint(path);
        return File.ReadAllBytes(path);
    }

    /// <summary>
    /// Writes a checkpoint after <paramref name="steps"/> steps, replaces the file by <paramref name="alter"/>(its bytes),
    /// and hands a fresh trainer (other initial weights), its generator and the file's path to <paramref name="check"/>.
    /// </summary>
    static void WithAlteredCheckpoint(int steps, Func<byte[], byte[]> alter, Action<GanTrainer, MlpGenerator, string> check)
    {
        using var scope = NewDisposeScope();
        string path = TrainerFixtures.TempPath("altered");
        try
        {
            File.WriteAllBytes(path, alter(WriteCheckpoint(path, steps)));
            var (g, d) = TrainerFixtures.SmallMlp(seed: 173);
            using var t = new GanTrainer(g, d, PrototypeDigits.Make(64, seed: 172), Options);
            check(t, g, path);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_truncated_checkpoint_is_named_with_its_expected_and_actual_length_and_nothing_is_loaded()
    {
        int length = 0;
        WithAlteredCheckpoint(6, bytes => { length = bytes.Length; return bytes[..(length / 2)]; }, (t, g, path) =>
        {
            var before = TrainerFixtures.Flatten(g);
            var e = Assert.Throws<InvalidDataException>(() => t.Resume(path));
            Assert.Contains($"The checkpoint {Path.GetFullPath(path)} is truncated", e.Message);
            Assert.Contains($"should be {length:N0} bytes long but is {length / 2:N0} bytes", e.Message);
            Assert.Equal(0, t.Step);
            Assert.Equal(0, t.History.Count);
            Assert.Equal(before, TrainerFixtures.Flatten(g));
            Assert.Equal(length / 2, new FileInfo(path).Length); // the file is left for the user to inspect

            var outcome = Assert.Throws<InvalidDataException>(() => Checkpoints.TrainOrLoad(t, 10, path));
            Assert.Contains("is truncated", outcome.Message);
            Assert.Contains("delete it (or set useCheckpoints = false)", outcome.Message);
            Assert.DoesNotContain("other code or settings", outcome.Message);
        });
    }

    /// <summary>A checkpoint cut anywhere (even inside its first bytes) gives a message naming the file, never a bare EndOfStreamException.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(40)]
    [InlineData(300)]
    public void A_checkpoint_cut_anywhere_is_reported_by_name(int keep) =>
        WithAlteredCheckpoint(3, bytes => bytes[..keep], (t, _, path) =>
            Assert.Contains(Path.GetFullPath(path), Assert.Throws<InvalidDataException>(() => t.Resume(path)).Message));

    /// <summary>Format 2 (written before the length field existed) still loads.</summary>
    [Fact]
    public void A_format_2_checkpoint_still_resumes()
    {
        int magicLength = 1 + "GanCourse.GanTrainer.Checkpoint".Length;
        WithAlteredCheckpoint(6, bytes =>
        {
            Assert.Equal(3, BitConverter.ToInt32(bytes, magicLength));
            return [.. bytes[..magicLength], .. BitConverter.GetBytes(2), .. bytes[(magicLength + 4 + 8)..]];
        }, (t, _, path) =>
        {
            t.Resume(path);
            Assert.Equal(6, t.Step);
            Assert.Equal(6, t.History.Count);
        });
    }

    /// <summary>The epoch is checked on resume: a file whose epoch disagrees with its step (6 steps of 4 batches per epoch = epoch 1) is refused.</summary>
    [Fact]
    public void A_checkpoint_whose_epoch_disagrees_with_its_step_is_refused()
    {
        // Offset of the epoch: magic, version, length, the header (two type names, bool, long, three ints), then the step.
        using var header = new MemoryStream();
        using (var w = new BinaryWriter(header, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write("GanCourse.GanTrainer.Checkpoint"); w.Write(3); w.Write(0L);
            w.Write(typeof(MlpGenerator).FullName!); w.Write(typeof(MlpDiscriminator).FullName!); w.Write(false); w.Write(0L);
            w.Write(0); w.Write(0); w.Write(0); w.Write(0);
        }
        int at = (int)header.Length;
        WithAlteredCheckpoint(6, bytes =>
        {
            Assert.Equal(6, BitConverter.ToInt32(bytes, at - 4));
            Assert.Equal(1, BitConverter.ToInt32(bytes, at));
            BitConverter.GetBytes(2).CopyTo(bytes, at);
            return bytes;
        }, (t, _, path) =>
        {
            var e = Assert.Throws<InvalidDataException>(() => t.Resume(path));
            Assert.Contains("holds step 6 and epoch 2", e.Message);
            Assert.Contains("end in epoch 1", e.Message);
            Assert.Equal(0, t.Epoch);
        });
    }

    /// <summary>
    /// Diverging before the first periodic checkpoint says so, with both steps; no file is written.
    /// </summary>
    [Fact]
    public void Divergence_before_the_first_checkpoint_says_no_checkpoint_had_been_written_yet()
    {
        using var scope = NewDisposeScope();
        string path = TrainerFixtures.TempPath("early-nan");
        var (g, d) = TrainerFixtures.SmallMlp(seed: 181);
        int calls = 0;
        using var t = new GanTrainer(g, d, PrototypeDigits.Make(128, seed: 182), Options with
        {
            CheckpointPath = path, CheckpointEvery = 10,
            Loss = GanLoss.NonSaturating with { Generator = f => ++calls == 7 ? (f * float.NaN).mean() : GeneratorLoss.NonSaturating(f) },
        });
        var e = Assert.Throws<TrainingDivergedException>(() => t.Run(20));
        Assert.Equal(7, e.Step);
        Assert.Null(e.LastGoodCheckpoint);
        Assert.Contains("No checkpoint had been written yet (step 7 < first checkpoint at step 10, CheckpointEvery = 10)", e.Message);
        Assert.False(File.Exists(path));
    }

    /// <summary>The guard also checks the weights before a checkpoint is written, and names the first bad one.</summary>
    [Fact]
    public void A_nan_weight_is_named_and_no_checkpoint_is_written()
    {
        using var scope = NewDisposeScope();
        string path = TrainerFixtures.TempPath("nan-weight");
        var (g, d) = TrainerFixtures.SmallMlp(seed: 183);
        using var t = new GanTrainer(g, d, PrototypeDigits.Make(64, seed: 184), Options);
        t.Run(2);
        var (name, weight) = d.named_parameters().Last();
        using (no_grad()) weight.view(-1)[0] = float.PositiveInfinity;
        var e = Assert.Throws<TrainingDivergedException>(() => t.SaveCheckpoint(path));
        Assert.Equal($"discriminator weight {name}", e.Quantity);
        Assert.Contains("became infinite", e.Message);
        Assert.False(File.Exists(path));
    }
}
