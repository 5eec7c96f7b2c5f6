using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Models;

[Collection(ExclusiveTorchRngCollection.Name)] // one test builds two models from the same global seed
public class RingGeneratorTests
{
    static Tensor Noise(int n, int zDim)
    {
        using var g = new Generator(11);
        return randn(n, zDim, generator: g);
    }

    [Fact]
    public void WithoutTricksItComputesWhatAToyGeneratorOfTheSameWidthComputes()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using var ring = new RingGenerator(zDim: 16, hidden: 32);
        manual_seed(5);
        using var toy = new ToyGenerator(zDim: 16, outDim: 2, hidden: 32);
        var z = Noise(50, 16);
        Assert.Equal(toy.forward(z).data<float>().ToArray(), ring.forward(z).data<float>().ToArray());
        Assert.Equal(new long[] { 50, 2 }, ring.forward(z).shape);
    }

    [Fact]
    public void TanhKeepsEveryPointInsideTheOpenSquare()
    {
        using var scope = NewDisposeScope();
        using var g = new RingGenerator(zDim: 4, hidden: 16, tanh: true);
        var x = g.forward(Noise(2_000, 4) * 100);
        Assert.True(x.abs().max().item<float>() <= 1f);
        Assert.True(x.abs().max().item<float>() > 0.5f);   // the inputs were large: some points reach far out
        using var linear = new RingGenerator(zDim: 4, hidden: 16);
        Assert.True(linear.forward(Noise(2_000, 4) * 100).abs().max().item<float>() > 1f);
    }

    [Fact]
    public void BatchNormNormalisesBothHiddenLayersOnlyWhenAskedAndUsesRunningStatisticsInEvalMode()
    {
        using var scope = NewDisposeScope();
        using var plain = new RingGenerator(zDim: 4, hidden: 8);
        using var normed = new RingGenerator(zDim: 4, hidden: 8, batchNorm: true);
        Assert.Empty(plain.modules().OfType<BatchNorm1d>());
        Assert.Equal(2, normed.modules().OfType<BatchNorm1d>().Count());
        Assert.Equal(plain.parameters().Sum(p => p.numel()) + 2 * 2 * 8, normed.parameters().Sum(p => p.numel()));
        var z = Noise(64, 4);
        var training = normed.forward(z);
        normed.eval();
        var evaluation = normed.forward(z);
        Assert.False(training.allclose(evaluation), "eval mode must use the running statistics, not the batch's own");
        // In training mode a sample's output depends on the rest of its batch.
        normed.train();
        var alone = normed.forward(z.narrow(0, 0, 8)).narrow(0, 0, 1);
        Assert.False(alone.allclose(normed.forward(z).narrow(0, 0, 1)));
    }

    [Fact]
    public void BadSizesAndInputsAreRejectedWithTheirName()
    {
        Assert.Contains("zDim", Assert.Throws<ArgumentOutOfRangeException>(() => new RingGenerator(zDim: 0)).Message);
        Assert.Contains("hidden", Assert.Throws<ArgumentOutOfRangeException>(() => new RingGenerator(hidden: 0)).Message);
        using var g = new RingGenerator(zDim: 16);
        using var wrong = zeros(3, 2);
        Assert.Contains(nameof(RingGenerator), Assert.Throws<ArgumentException>(() => g.forward(wrong)).Message);
    }
}
