using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Training;

/// <summary>
/// The trainer's optimizers update all of a player's parameters at once through <see cref="FlatParameters"/>;
/// checked against TorchSharp's own torch.optim.Adam and torch.optim.SGD on the same model and losses.
/// </summary>
public class PlayerOptimizerTests
{
    static Tensor Loss(nn.Module<Tensor, Tensor> d, Tensor x) => d.forward(x).square().mean() + d.forward(x * 2).mean();

    [Theory]
    [InlineData(OptimizerKind.Adam, 1e-2, 0.0)]
    [InlineData(OptimizerKind.Sgd, 5e-2, 0.0)]
    [InlineData(OptimizerKind.Sgd, 5e-2, 0.9)]
    public void MatchesTorchSharpsOptimizer(OptimizerKind kind, double lr, double momentum)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(201);
        using var mine = new MlpDiscriminator(imageDim: 20, hidden: 8);
        using var theirs = new MlpDiscriminator(imageDim: 20, hidden: 8);
        TrainerFixtures.CopyWeights(mine, theirs);
        using var gen = new torch.Generator(202);
        var x = randn(16, 20, generator: gen);
        var initial = TrainerFixtures.Flatten(mine);

        using var flat = new FlatParameters(mine, "discriminator");
        using var optimizer = new PlayerOptimizer(flat, kind, lr, 0.5, 0.999, momentum);
        using var reference = kind == OptimizerKind.Adam
            ? (optim.Optimizer)optim.Adam(theirs.parameters(), lr, 0.5, 0.999)
            : optim.SGD(theirs.parameters(), lr, momentum);

        for (int step = 0; step < 6; step++)
        {
            flat.ZeroGradients();
            Loss(mine, x).backward();
            optimizer.Step();
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
        // Gradients accumulate into the flat gradient buffer.
        g.forward(randn(8, 4)).sum().backward();
        Assert.True(flat.Gradients.abs().sum().item<float>() > 0);
        Assert.Null(flat.FirstNonFinite());
        using (no_grad()) g.named_parameters().Single(p => p.name == "block2.linear.bias").parameter[1] = float.NaN;
        Assert.Equal(("block2.linear.bias", true), flat.FirstNonFinite());
    }
}
