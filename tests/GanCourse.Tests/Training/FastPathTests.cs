using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Training;

/// <summary>
/// The fast path's pieces on their own: <see cref="FastOptimizer"/> (all of a player's parameters at once through
/// <see cref="FlatParameters"/>) against TorchSharp's own torch.optim.Adam and torch.optim.SGD on the same model and
/// losses, including the tensor-operation Adam that GPUs use, and the fused kernel's multi-threaded split of large
/// buffers, which the small models of the trainer tests are too small to reach. The whole trainer on both paths is
/// compared in <see cref="FastPathConformanceTests"/>.
/// </summary>
public class FastPathTests
{
    static Tensor Loss(nn.Module<Tensor, Tensor> d, Tensor x) => d.forward(x).square().mean() + d.forward(x * 2).mean();

    [Theory]
    [InlineData(OptimizerKind.Adam, 1e-2, 0.0, true)]
    [InlineData(OptimizerKind.Adam, 1e-2, 0.0, false)]
    [InlineData(OptimizerKind.Sgd, 5e-2, 0.0, false)]
    [InlineData(OptimizerKind.Sgd, 5e-2, 0.9, false)]
    public void MatchesTorchSharpsOptimizer(OptimizerKind kind, double lr, double momentum, bool fused)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(201);
        using var mine = new MlpDiscriminator(imageDim: 20, hidden: 8);
        using var theirs = new MlpDiscriminator(imageDim: 20, hidden: 8);
        TrainerFixtures.CopyWeights(mine, theirs);
        using var gen = new torch.Generator(202);
        var x = randn(16, 20, generator: gen);
        var initial = TrainerFixtures.Flatten(mine);

        var flat = new FlatParameters(mine, "discriminator");
        using var optimizer = new FastOptimizer(flat, kind, lr, 0.5, 0.999, momentum, useFusedKernel: fused);
        using var reference = kind == OptimizerKind.Adam
            ? (optim.Optimizer)optim.Adam(theirs.parameters(), lr, 0.5, 0.999)
            : optim.SGD(theirs.parameters(), lr, momentum);

        for (int step = 0; step < 6; step++)
        {
            optimizer.ZeroGrad();
            Loss(mine, x).backward();
            float expectedNorm = flat.Gradients.norm().item<float>();
            Assert.Equal(expectedNorm, optimizer.Step(gradientNorm: true)!.item<float>(), expectedNorm * 1e-5);
            reference.zero_grad();
            Loss(theirs, x).backward();
            reference.step();
        }
        var a = TrainerFixtures.Flatten(mine);
        var b = TrainerFixtures.Flatten(theirs);
        Assert.Equal(b.Length, a.Length);
        for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 1e-5);
        Assert.Equal(6, optimizer.Steps);
        // The parameters really moved (the comparison is not between two untouched models).
        int moved = a.Zip(initial).Count(p => Math.Abs(p.First - p.Second) > 1e-4);
        Assert.True(moved > a.Length / 2, $"only {moved} of {a.Length} parameters moved");
    }

    /// <summary>The fused kernel splits large buffers over threads; its result matches the tensor-operation form.</summary>
    [Fact]
    public void FusedAdamMatchesTensorOperationsOnALargeBuffer()
    {
        using var scope = NewDisposeScope();
        using var gen = new torch.Generator(203);
        var p1 = randn(300_001, generator: gen);
        var g = randn(300_001, generator: gen);
        var m1 = randn(300_001, generator: gen) * 0.1;
        var v1 = rand(300_001, generator: gen) * 0.1;
        Tensor p2 = p1.clone(), m2 = m1.clone(), v2 = v1.clone();
        double squares = FusedAdam.Step(p1, g, m1, v1, 0.1f, 0.999f, 1e-3f, 1e-8f, threads: 3);
        m2.lerp_(g, tensor(0.1f));
        v2.mul_(0.999).addcmul_(g, g, 0.001);
        p2.addcdiv_(m2, v2.sqrt().add_(1e-8), -1e-3);
        Assert.Equal(g.square().sum().item<float>(), squares, squares * 1e-5);
        Assert.True((m1 - m2).abs().max().item<float>() < 1e-6);
        Assert.True((v1 - v2).abs().max().item<float>() < 1e-6);
        Assert.True((p1 - p2).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void ParametersBecomeViewsOfOneBufferWithTheirValuesKept()
    {
        using var scope = NewDisposeScope();
        using var g = new MlpGenerator(zDim: 4, imageDim: 10, hidden: 4);
        var before = TrainerFixtures.Flatten(g);
        using var flat = new FlatParameters(g, "generator");
        Assert.Equal(g.parameters().Sum(p => p.numel()), flat.Values.numel());
        Assert.Equal(before, TrainerFixtures.Flatten(g));
        using (no_grad()) flat.Values.fill_(0.25f);
        Assert.All(g.parameters(), p => Assert.Equal(0.25f, p.max().item<float>()));
        // Gradients accumulate into the flat gradient buffer, also after the module's zero_grad() dropped them,
        // once they are attached again (FastOptimizer.ZeroGrad does that before every backward pass).
        g.forward(randn(8, 4)).sum().backward();
        Assert.True(flat.Gradients.abs().sum().item<float>() > 0);
        g.zero_grad();
        flat.AttachGradients();
        flat.ZeroGradients();
        g.forward(randn(8, 4)).sum().backward();
        Assert.True(flat.Gradients.abs().sum().item<float>() > 0);
    }
}
