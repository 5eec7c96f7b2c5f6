using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Models;

/// <summary>
/// The sanity checks of the lecture's assignment ("Your first GAN"), each with the closed form that explains it.
/// </summary>
public class LectureChecksTests
{
    static Tensor Randn(long n, long d, int seed)
    {
        using var g = new torch.Generator((ulong)seed);
        return randn(n, d, generator: g);
    }

    /// <summary>
    /// A generator block in training mode batch-normalises each feature to mean 0, variance 1 whatever the Linear
    /// weights are, so its ReLU output is ReLU(N(0,1)): std = sqrt(1/2 - 1/(2π)) ≈ 0.5838 and half the values are 0.
    /// The assignment's bound (0.55, 0.65) brackets that value. Shapes as in the assignment (25 → 12, 6000 rows)
    /// and as in the generator's first block (64 → 128).
    /// </summary>
    [Theory]
    [InlineData(25, 12, 6000)]
    [InlineData(64, 128, 6000)]
    public void GeneratorBlockOutputIsReluOfStandardNormal(int inFeatures, int outFeatures, int rows)
    {
        using var scope = NewDisposeScope();
        using var block = new GeneratorBlock(inFeatures, outFeatures);
        var output = block.forward(Randn(rows, inFeatures, seed: 1));
        Assert.Equal(new long[] { rows, outFeatures }, output.shape);
        double std = output.std().item<float>();
        Assert.InRange(std, 0.55, 0.65);
        Assert.Equal(Math.Sqrt(0.5 - 1 / (2 * Math.PI)), std, 0.02);
        double zeros = output.eq(0).to(ScalarType.Float32).mean().item<float>();
        Assert.Equal(0.5, zeros, 0.03);
    }

    /// <summary>
    /// A discriminator block is Linear then LeakyReLU(0.2). With PyTorch's default init, U(±1/√in) weights and
    /// biases, an N(0,1) input gives pre-activations of variance s² = 1/3 + 1/(3·in); LeakyReLU(0.2) of N(0, s²) has
    /// mean 0.8·s/√(2π) and second moment 0.52·s²: std ≈ 0.38 for in = 25. The assignment asks for (0.3, 0.5) and a
    /// negative part of slope 0.2: the most negative output over the largest is about 0.2.
    /// </summary>
    [Fact]
    public void DiscriminatorBlockMatchesLeakyReluOfItsPreActivation()
    {
        using var scope = NewDisposeScope();
        using var block = new DiscriminatorBlock(25, 12);
        var output = block.forward(Randn(10000, 25, seed: 2));
        Assert.Equal(new long[] { 10000, 12 }, output.shape);
        double s2 = 1.0 / 3 + 1.0 / (3 * 25);
        double mean = 0.8 * Math.Sqrt(s2) / Math.Sqrt(2 * Math.PI), second = 0.52 * s2;
        double expectedStd = Math.Sqrt(second - mean * mean);
        double std = output.std().item<float>();
        Assert.InRange(std, 0.3, 0.5);
        Assert.Equal(expectedStd, std, 0.05);
        double ratio = -output.min().item<float>() / output.max().item<float>();
        Assert.InRange(ratio, 0.1, 0.3);
    }

    /// <summary>The assignment's generator check: outputs in (0, 1) (sigmoid) with std between 0.05 and 0.15 at init.</summary>
    [Theory]
    [InlineData(5, 10, 20)]
    [InlineData(20, 8, 24)]
    [InlineData(64, 784, 128)]
    public void GeneratorOutputLiesInUnitIntervalWithSmallSpread(int zDim, int imageDim, int hidden)
    {
        using var scope = NewDisposeScope();
        using var g = new MlpGenerator(zDim, imageDim, hidden);
        var output = g.forward(Randn(2000, zDim, seed: 3));
        Assert.Equal(new long[] { 2000, imageDim }, output.shape);
        Assert.True(output.min().item<float>() > 0);
        Assert.True(output.max().item<float>() < 1);
        Assert.InRange(output.std().item<float>(), 0.05, 0.15);
    }

    /// <summary>Noise is N(0, 1): with 100,000 values the std's standard error is 1/√(2·10⁵) ≈ 0.0022, so ±0.01 is 4.5 SE.</summary>
    [Fact]
    public void NoiseIsStandardNormal()
    {
        using var scope = NewDisposeScope();
        using var gen = new torch.Generator(4);
        var z = Noise.Sample(1000, 100, generator: gen);
        Assert.Equal(new long[] { 1000, 100 }, z.shape);
        Assert.Equal(ScalarType.Float32, z.dtype);
        Assert.True(Math.Abs(z.std().item<float>() - 1) < 0.01);
        Assert.True(Math.Abs(z.mean().item<float>()) < 0.01);
    }

    /// <summary>
    /// At initialisation D's logits are near 0, so D(x) ≈ D(G(z)) ≈ ½ and both losses are near log 2 ≈ 0.693:
    /// the assignment expects D loss 0.68 ± 0.05 and G loss 0.7 ± 0.1 (BCE with logits).
    /// </summary>
    [Fact]
    public void InitialLossesAreNearLogTwo()
    {
        using var scope = NewDisposeScope();
        using var g = new MlpGenerator();
        using var d = new MlpDiscriminator();
        var real = PrototypeDigits.Make(128, seed: 5);
        var fake = g.forward(Randn(128, 64, seed: 6));
        var realLogits = d.forward(real);
        var fakeLogits = d.forward(fake);
        var bce = nn.functional.binary_cross_entropy_with_logits;
        float dLoss = ((bce(realLogits, ones_like(realLogits), null, nn.Reduction.Mean, null) +
                        bce(fakeLogits, zeros_like(fakeLogits), null, nn.Reduction.Mean, null)) / 2).item<float>();
        float gLoss = bce(fakeLogits, ones_like(fakeLogits), null, nn.Reduction.Mean, null).item<float>();
        Assert.InRange(dLoss, 0.68 - 0.05, 0.68 + 0.05);
        Assert.InRange(gLoss, 0.7 - 0.1, 0.7 + 0.1);
    }
}
