using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Training;

/// <summary>The lecture's MLP GAN on real MNIST for a short run (the full run is notebook 07's).</summary>
public class MnistTrainingTests
{
    /// <summary>
    /// The lecture's models at full size, batch 128, on 6,400 MNIST training images: at the start D cannot tell real
    /// from fake (D(x) ≈ D(G(z)) ≈ ½, both losses ≈ log 2, as the assignment's checks say); after 80 steps D has
    /// learned first, as in the lecture's run: D(x) has risen, D(G(z)) has fallen, J(D) has dropped and J(G) has grown.
    /// Adam at 2e-4 (β1 = 0.5) instead of the lecture's 1e-5 so the movement shows within a short test.
    /// </summary>
    [Fact]
    public void DiscriminatorLearnsFirstOnMnist()
    {
        using var scope = NewDisposeScope();
        using var mnist = Datasets.Load(DatasetName.Mnist, Split.Train, limit: 6400);
        torch.manual_seed(301);
        using var g = new MlpGenerator();
        using var d = new MlpDiscriminator();
        using var trainer = new GanTrainer(g, d, mnist.Flat, new GanTrainerOptions { Seed = 302, SnapshotSamples = 16 });
        // One intra-op thread: on a shared, busy machine spinning worker threads slow a run down many times over.
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        TrainingHistory h;
        try { h = trainer.Run(80); }
        finally { torch.set_num_threads(threads); }

        Assert.InRange(h.RealScore[0], 0.4, 0.6);
        Assert.InRange(h.FakeScore[0], 0.4, 0.6);
        Assert.InRange(h.DiscriminatorLoss[0], 0.68 - 0.05, 0.68 + 0.05);
        Assert.InRange(h.GeneratorLoss[0], 0.7 - 0.1, 0.7 + 0.1);

        double realLate = h.RealScore.Skip(70).Average(), fakeLate = h.FakeScore.Skip(70).Average();
        Assert.True(realLate > 0.6, $"mean D(x) over steps 71-80 was {realLate:F3}");
        Assert.True(fakeLate < 0.4, $"mean D(G(z)) over steps 71-80 was {fakeLate:F3}");
        Assert.True(h.DiscriminatorLoss.Skip(70).Average() < h.DiscriminatorLoss[0] - 0.1);
        Assert.True(h.GeneratorLoss.Skip(70).Average() > h.GeneratorLoss[0] + 0.1);

        // Snapshots: step 0 and the end of the epoch (6400 / 128 = 50 batches), MNIST-shaped, pixels in (0, 1).
        Assert.Equal(new[] { 0, 50 }, h.Snapshots.Select(s => s.Step).ToArray());
        Assert.Equal(new long[] { 16, 784 }, h.Snapshots[1].Shape);
        Assert.All(h.Snapshots[1].Values, v => Assert.InRange(v, 0f, 1f));
    }
}
