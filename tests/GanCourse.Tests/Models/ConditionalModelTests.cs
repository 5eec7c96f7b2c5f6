using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Models;

/// <summary>Notebook 09's conditional models: the tanh generator and the projection critic.</summary>
public class ConditionalModelTests
{
    static Tensor Randn(params long[] shape)
    {
        using var g = new torch.Generator(7);
        return randn(shape, generator: g);
    }

    [Fact]
    public void ATanhConditionalGeneratorDrawsInMinusOneOneAndSamplesInZeroOne()
    {
        using var scope = NewDisposeScope();
        using var g = new ConditionalMlpGenerator(zDim: 8, hidden: 16, output: OutputActivation.Tanh);
        Assert.Equal(OutputActivation.Tanh, g.Output);
        var labels = arange(40, ScalarType.Int64).remainder(10);
        var raw = g.forward(Randn(40, 8), labels);
        Assert.True(raw.min().item<float>() < 0, "a tanh generator's pixels reach below 0");
        var images = g.SampleImages(labels, seed: 5);
        Assert.Equal(new long[] { 40, 784 }, images.shape);
        Assert.True(images.min().item<float>() >= 0 && images.max().item<float>() <= 1);
        Assert.True(images.allclose(g.SampleImages(labels, seed: 5), rtol: 0, atol: 0), "the same seed gives the same images");
        Assert.False(images.allclose(g.SampleImages(labels, seed: 6), rtol: 0, atol: 0), "another seed gives other images");
        Assert.True(g.training, "sampling restores training mode");
        var e = Assert.Throws<ArgumentException>(() => g.SampleImages(zeros(2, 3, ScalarType.Int64), seed: 1));
        Assert.Contains("1-D tensor", e.Message);
    }

    [Fact]
    public void DrawMapsTheForwardPassToZeroOneInEvaluationMode()
    {
        using var scope = NewDisposeScope();
        using var g = new ConditionalMlpGenerator(zDim: 8, hidden: 16, output: OutputActivation.Tanh);
        var z = Randn(6, 8);
        var labels = arange(6, ScalarType.Int64);
        var drawn = g.Draw(z, labels);
        g.eval();
        var expected = (g.forward(z, labels) + 1) / 2;
        Assert.True(drawn.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void TheProjectionCriticReadsTheLabelThroughItsFeatures()
    {
        using var scope = NewDisposeScope();
        using var d = new ConditionalProjectionDiscriminator(classes: 10, hidden: 16);
        var x = Randn(4, 784);
        var y0 = zeros(4, ScalarType.Int64);
        var y3 = full(4, 3L, ScalarType.Int64);
        var logits0 = d.forward(x, y0);
        Assert.Equal(new long[] { 4, 1 }, logits0.shape);
        Assert.True((logits0 - d.forward(x, y3)).abs().max().item<float>() > 1e-6, "the label changes the score");
        Assert.True(d.forward(x.reshape(4, 1, 28, 28), y0).allclose(logits0), "images [N, 1, 28, 28] work too");
        // The image alone enters the first layer; the label has one vector of 16 per class at the end.
        var shapes = d.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal(new long[] { 64, 784 }, shapes["block1.linear.weight"]);
        Assert.Equal(new long[] { 16, 10 }, shapes["classEmbedding.weight"]);
        var e = Assert.Throws<ArgumentException>(() => d.forward(x, Randn(4)));
        Assert.Contains("labels as an integer tensor of shape [4]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConditionalProjectionDiscriminator(classes: 0));
        // Like the other critics: the course's fixed-slope LeakyReLU (no temporary scalar per call), no batch norm.
        var modules = d.modules().ToList();
        Assert.DoesNotContain(modules, m => m is TorchSharp.Modules.LeakyReLU);
        Assert.DoesNotContain(modules, m => m is TorchSharp.Modules.BatchNorm1d);
        Assert.Contains(modules, m => m is FixedSlopeLeakyReLU);
    }
}
