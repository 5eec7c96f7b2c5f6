using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Models;

public class ModelShapeTests
{
    static Tensor Randn(params long[] shape)
    {
        using var g = new torch.Generator(7);
        return randn(shape, generator: g);
    }

    [Fact]
    public void LectureGeneratorHasTheLectureArchitecture()
    {
        using var g = new MlpGenerator();
        var widths = g.Blocks.Select(b => (b.InFeatures, b.OutFeatures)).ToArray();
        Assert.Equal(new[] { (64, 128), (128, 256), (256, 512), (512, 1024) }, widths);
        var names = g.named_parameters().Select(p => p.name).ToArray();
        Assert.Contains("block1.linear.weight", names);
        Assert.Contains("block4.norm.weight", names);
        Assert.Contains("toImage.weight", names);
        var toImage = g.named_parameters().Single(p => p.name == "toImage.weight").parameter;
        Assert.Equal(new long[] { 784, 1024 }, toImage.shape);
        // 4 × (Linear w, b + BatchNorm w, b) + final Linear w, b
        Assert.Equal(18, names.Length);
        long count = g.parameters().Sum(p => p.numel());
        long expected = (64 * 128 + 128) + (128 * 256 + 256) + (256 * 512 + 512) + (512 * 1024 + 1024) + 2 * (128 + 256 + 512 + 1024)
                        + (1024 * 784 + 784);
        Assert.Equal(expected, count);
    }

    [Fact]
    public void LectureDiscriminatorHasTheLectureArchitectureAndReturnsLogits()
    {
        using var scope = NewDisposeScope();
        using var d = new MlpDiscriminator();
        Assert.Equal(new[] { (784, 512), (512, 256), (256, 128) }, d.Blocks.Select(b => (b.InFeatures, b.OutFeatures)).ToArray());
        var flat = d.forward(Randn(10, 784));
        Assert.Equal(new long[] { 10, 1 }, flat.shape);
        // Images [N, 1, 28, 28] are flattened; the same pixels give the same logits.
        var images = Randn(10, 784);
        Assert.Equal(d.forward(images).data<float>().ToArray(), d.forward(images.view(10, 1, 28, 28)).data<float>().ToArray());
        // Logits, not probabilities: some lie outside [0, 1] for large inputs.
        var big = d.forward(Randn(200, 784) * 50);
        Assert.True(big.min().item<float>() < 0 || big.max().item<float>() > 1);
    }

    [Fact]
    public void DcganGeneratorMakes28By28ImagesInItsOutputRange()
    {
        using var scope = NewDisposeScope();
        using var tanh = new DcganGenerator(zDim: 16, features: 8);
        var x = tanh.forward(Randn(6, 16));
        Assert.Equal(new long[] { 6, 1, 28, 28 }, x.shape);
        Assert.True(x.min().item<float>() > -1 && x.max().item<float>() < 1);
        Assert.True(x.min().item<float>() < 0); // tanh uses the negative half too

        using var sigmoid = new DcganGenerator(zDim: 16, features: 8, output: OutputActivation.Sigmoid);
        var y = sigmoid.forward(Randn(6, 16));
        Assert.True(y.min().item<float>() > 0 && y.max().item<float>() < 1);
    }

    [Fact]
    public void DcganSampleImagesAreTheEvalModeImagesInZeroOneRepeatForASeedAndRestoreTrainingMode()
    {
        using var scope = NewDisposeScope();
        using var g = new DcganGenerator(zDim: 16, features: 8);
        g.train();
        var a = g.SampleImages(40, seed: 3);
        Assert.True(g.training, "SampleImages must leave the module in the mode it found it in");
        Assert.Equal(new long[] { 40, 1, 28, 28 }, a.shape);
        Assert.Equal(a.data<float>().ToArray(), g.SampleImages(40, seed: 3).data<float>().ToArray());
        Assert.NotEqual(a.data<float>().ToArray(), g.SampleImages(40, seed: 4).data<float>().ToArray());

        // The same noise through the eval-mode generator (batch norm's running statistics), mapped by (x + 1) / 2.
        using var rng = new torch.Generator(3);
        var z = Noise.Sample(40, 16, generator: rng);
        g.eval();
        Assert.True(a.allclose((g.forward(z) + 1) / 2, rtol: 1e-5, atol: 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.SampleImages(0, seed: 1));
    }

    [Fact]
    public void DcganDiscriminatorTakesImagesOrFlatImages()
    {
        using var scope = NewDisposeScope();
        using var d = new DcganDiscriminator(features: 8);
        var images = Randn(5, 1, 28, 28);
        var a = d.forward(images);
        Assert.Equal(new long[] { 5, 1 }, a.shape);
        Assert.Equal(a.data<float>().ToArray(), d.forward(images.view(5, 784)).data<float>().ToArray());
    }

    /// <summary>DCGAN initialisation: conv weights ~ N(0, 0.02), batch-norm scales ~ N(1, 0.02), biases 0.</summary>
    [Fact]
    public void DcganWeightsFollowTheDcganInitialisation()
    {
        using var scope = NewDisposeScope();
        using var g = new DcganGenerator();
        using var d = new DcganDiscriminator();
        foreach (var m in new nn.Module[] { g, d })
        foreach (var (name, p) in m.named_parameters())
        {
            float mean = p.mean().item<float>(), std = p.numel() > 1 ? p.std().item<float>() : 0;
            if (name.EndsWith("bias")) Assert.Equal(0f, p.abs().max().item<float>());
            else if (name.Contains("norm")) { Assert.Equal(1, mean, 0.01); Assert.Equal(0.02, std, 0.006); }
            else if (p.numel() > 1000) { Assert.Equal(0, mean, 0.002); Assert.Equal(0.02, std, 0.002); }
        }
    }

    [Fact]
    public void ConditionalModelsUseTheLabel()
    {
        using var scope = NewDisposeScope();
        using var g = new ConditionalMlpGenerator(zDim: 8, classes: 10, imageDim: 784, hidden: 16);
        using var d = new ConditionalMlpDiscriminator(classes: 10, imageDim: 784, hidden: 16);
        g.eval();
        var z = Randn(4, 8);
        var y0 = zeros(4, ScalarType.Int64);
        var y3 = full(4, 3L, ScalarType.Int64);
        var a = g.forward(z, y0);
        var b = g.forward(z, y3);
        Assert.Equal(new long[] { 4, 784 }, a.shape);
        Assert.True(a.min().item<float>() > 0 && a.max().item<float>() < 1);
        Assert.True((a - b).abs().max().item<float>() > 1e-4);
        var logits0 = d.forward(a, y0);
        var logits3 = d.forward(a, y3);
        Assert.Equal(new long[] { 4, 1 }, logits0.shape);
        Assert.True((logits0 - logits3).abs().max().item<float>() > 1e-6);
        // The discriminator's first layer sees image + one-hot label.
        Assert.Equal(new long[] { 64, 784 + 10 }, d.named_parameters().First().parameter.shape);
    }

    [Fact]
    public void ToyModelsMapPointsToPointsAndLogits()
    {
        using var scope = NewDisposeScope();
        using var g = new ToyGenerator(zDim: 2, outDim: 2, hidden: 16);
        using var d = new ToyDiscriminator(inDim: 2, hidden: 16);
        var x = g.forward(Randn(50, 2));
        Assert.Equal(new long[] { 50, 2 }, x.shape);
        Assert.Equal(new long[] { 50, 1 }, d.forward(x).shape);
        using var g1 = new ToyGenerator();
        Assert.Equal(new long[] { 7, 1 }, g1.forward(Randn(7, 1)).shape);
    }

    [Fact]
    public void WrongShapesFailWithMessagesThatNameTheExpectedShape()
    {
        using var scope = NewDisposeScope();
        using var g = new MlpGenerator();
        var e = Assert.Throws<ArgumentException>(() => g.forward(Randn(3, 32)));
        Assert.Contains("MlpGenerator expects its noise as a tensor of shape [N, 64]; got [3, 32]", e.Message);
        using var d = new MlpDiscriminator();
        e = Assert.Throws<ArgumentException>(() => d.forward(Randn(3, 100)));
        Assert.Contains("MlpDiscriminator expects inputs of shape [N, 784]", e.Message);
        using var dc = new DcganDiscriminator(features: 4);
        e = Assert.Throws<ArgumentException>(() => dc.forward(Randn(2, 3, 28, 28)));
        Assert.Contains("[N, 1, 28, 28]", e.Message);
        using var cg = new ConditionalMlpGenerator(zDim: 8, hidden: 8);
        e = Assert.Throws<ArgumentException>(() => cg.forward(Randn(4, 8), Randn(4)));
        Assert.Contains("labels as an integer tensor of shape [4]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpGenerator(zDim: 0));
        var n = Assert.Throws<ArgumentOutOfRangeException>(() => Noise.Sample(0, 64));
        Assert.Contains("at least 1", n.Message);
    }
}
