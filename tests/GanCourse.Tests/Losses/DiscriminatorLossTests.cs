using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Losses;

public class DiscriminatorLossTests
{
    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void StandardLossIsLog2WhenDOutputsOneHalfEverywhere()
    {
        using var scope = NewDisposeScope();
        var half = zeros(64); // logit 0 ⇔ D = ½
        Assert.Equal(Math.Log(2), DiscriminatorLoss.Standard(half, zeros(32)).item<float>(), 6);
        // each half contributes ½·log 2
        Assert.Equal(0.5 * Math.Log(2), DiscriminatorLoss.Standard(half, full(8, -200f)).item<float>(), 6);
    }

    [Fact]
    public void StandardLossIsGoodfellowsJDAndHalfTheSumOfTheTwoBCEs()
    {
        using var scope = NewDisposeScope();
        double[] r = [2.0, -0.5, 0.3, 4.1], f = [-1.0, 0.7, -3.2];
        var real = tensor(r);
        var fake = tensor(f);
        // J(D) = −½ E log D(x) − ½ E log(1 − D(G(z))), from probabilities
        double jd = -0.5 * r.Average(l => Math.Log(Sigmoid(l))) - 0.5 * f.Average(l => Math.Log(1 - Sigmoid(l)));
        Assert.Equal(jd, DiscriminatorLoss.Standard(real, fake).item<double>(), 12);
        // torch's own BCE-with-logits with targets 1 and 0
        var bce = 0.5 * (nn.functional.binary_cross_entropy_with_logits(real, ones_like(real))
                       + nn.functional.binary_cross_entropy_with_logits(fake, zeros_like(fake)));
        Assert.Equal(bce.item<double>(), DiscriminatorLoss.Standard(real, fake).item<double>(), 12);
        // and with smoothing, BCE with target 0.9 on the real half
        var smoothed = 0.5 * (nn.functional.binary_cross_entropy_with_logits(real, full_like(real, 0.9))
                            + nn.functional.binary_cross_entropy_with_logits(fake, zeros_like(fake)));
        Assert.Equal(smoothed.item<double>(), DiscriminatorLoss.Standard(real, fake, realLabel: 0.9).item<double>(), 12);
    }

    [Fact]
    public void LabelSmoothingMovesTheOptimumFromOneHalfToAlphaOverTwoWherePDataEqualsPG()
    {
        // Where p_data = p_g, D sees the same input as real and as fake; the loss in its logit l is minimised
        // at D* = α p/(p + p) = α/2 (OptimalDiscriminator.Value), not at ½.
        double Gradient(double logit, double alpha)
        {
            using var scope = NewDisposeScope();
            var l = tensor(new[] { logit }, requires_grad: true);
            DiscriminatorLoss.Standard(l, l, alpha).backward();
            return l.grad!.item<double>();
        }
        double smoothOptimum = OptimalDiscriminator.Value(1, 1, realLabel: 0.9);
        Assert.Equal(0.45, smoothOptimum, 15);
        Assert.Equal(0, Gradient(Math.Log(smoothOptimum / (1 - smoothOptimum)), 0.9), 12);
        Assert.Equal(0, Gradient(0, 1.0), 12);              // without smoothing the optimum is D = ½
        Assert.Equal(0.05, Gradient(0, 0.9), 12);           // with smoothing, D = ½ is no longer optimal (pushes down)
    }

    [Fact]
    public void LeastSquaresWassersteinAndHingeMatchHandComputations()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new[] { 2.0, -0.5 });
        var fake = tensor(new[] { 0.5, -3.0 });
        // ½·mean((2 − 1)², (−1.5)²) + ½·mean(0.5², 3²) = ½·1.625 + ½·4.625
        Assert.Equal(3.125, DiscriminatorLoss.LeastSquares(real, fake).item<double>(), 12);
        // targets b = 0.9: ½·mean(1.1², 1.4²) + ½·4.625
        Assert.Equal(0.5 * (1.21 + 1.96) / 2 + 0.5 * 4.625, DiscriminatorLoss.LeastSquares(real, fake, 0.9).item<double>(), 12);
        // mean(fake) − mean(real) = −1.25 − 0.75
        Assert.Equal(-2, DiscriminatorLoss.Wasserstein(real, fake).item<double>(), 12);
        // mean(max(0, 1 − 2), max(0, 1.5)) + mean(max(0, 1.5), max(0, −2)) = 0.75 + 0.75
        Assert.Equal(1.5, DiscriminatorLoss.Hinge(real, fake).item<double>(), 12);
    }

    [Fact]
    public void ExtremeLogitsGiveFiniteLossesAndGradients()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new[] { 100f, -100f, 200f, -200f }, requires_grad: true);
        var fake = tensor(new[] { 100f, -100f, 200f, -200f }, requires_grad: true);
        // the naive formula breaks: σ(100) rounds to 1 in float32, so log(1 − D) = −∞
        Assert.True(float.IsInfinity((1 - fake.sigmoid()).log().sum().item<float>()));

        var standard = DiscriminatorLoss.Standard(real, fake);
        // real half: mean of softplus(−l) = (0 + 100 + 0 + 200)/4 = 75; fake half: mean of softplus(l) = 75
        Assert.Equal(75f, standard.item<float>(), 4);
        foreach (var loss in new[] { standard, DiscriminatorLoss.Standard(real, fake, 0.9), DiscriminatorLoss.LeastSquares(real, fake),
                                     DiscriminatorLoss.Wasserstein(real, fake), DiscriminatorLoss.Hinge(real, fake) })
        {
            Assert.True(float.IsFinite(loss.item<float>()));
            var grads = autograd.grad([loss], [real, fake]);
            Assert.All(grads, g => Assert.All(g.data<float>().ToArray(), v => Assert.True(float.IsFinite(v))));
        }
    }

    [Fact]
    public void BadInputsGiveClearErrors()
    {
        using var scope = NewDisposeScope();
        var ok = zeros(4);
        Assert.Contains("fakeLogits is empty", Assert.Throws<ArgumentException>(() => DiscriminatorLoss.Standard(ok, zeros(0))).Message);
        Assert.Contains("realLogits has dtype Int64: losses need floating-point logits",
            Assert.Throws<ArgumentException>(() => DiscriminatorLoss.Hinge(tensor(new long[] { 1, 2 }), ok)).Message);
        Assert.Contains("realLabel = 1.5: the target for real samples must be in (0, 1]",
            Assert.Throws<ArgumentOutOfRangeException>(() => DiscriminatorLoss.Standard(ok, ok, 1.5)).Message);
        Assert.Contains("realLogits is null", Assert.Throws<ArgumentNullException>(() => DiscriminatorLoss.Wasserstein(null!, ok)).Message);
        // The least-squares loss checks its scores and its real label like the others.
        Assert.Contains("fakeLogits is empty", Assert.Throws<ArgumentException>(() => DiscriminatorLoss.LeastSquares(ok, zeros(0))).Message);
        Assert.Contains("realLabel = NaN: it must be a finite number",
            Assert.Throws<ArgumentException>(() => DiscriminatorLoss.LeastSquares(ok, ok, double.NaN)).Message);
    }
}
