using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Losses;

public class GeneratorLossTests
{
    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double LogitGradient(GeneratorLossFn loss, double logit)
    {
        using var scope = NewDisposeScope();
        var l = tensor(new[] { logit }, requires_grad: true);
        loss(l).backward();
        return l.grad!.item<double>();
    }

    [Fact]
    public void TutorialCostsAtDOneHalfAreMinus0347Plus0347AndMinusOneHalf()
    {
        Assert.Equal(-0.347, GeneratorCost.Minimax(0.5), 3);
        Assert.Equal(0.347, GeneratorCost.NonSaturating(0.5), 3);
        Assert.Equal(-0.5, GeneratorCost.MaximumLikelihood(0.5), 15);
        Assert.Equal(-0.5 * Math.Log(2), GeneratorCost.Minimax(0.5), 15);
        // maximum likelihood written both ways: −½ exp(σ⁻¹(d)) = −½ d/(1 − d)
        Assert.Equal(-0.5 * Math.Exp(Math.Log(0.8 / 0.2)), GeneratorCost.MaximumLikelihood(0.8), 14);
    }

    [Fact]
    public void TensorLossesAreTwiceTheMeanTutorialCost()
    {
        using var scope = NewDisposeScope();
        double[] logits = [-3.0, -0.4, 0.0, 1.2, 2.5];
        var l = tensor(logits);
        double[] d = logits.Select(Sigmoid).ToArray();
        Assert.Equal(2 * d.Average(GeneratorCost.Minimax), GeneratorLoss.Minimax(l).item<double>(), 12);
        Assert.Equal(2 * d.Average(GeneratorCost.NonSaturating), GeneratorLoss.NonSaturating(l).item<double>(), 12);
        Assert.Equal(2 * d.Average(GeneratorCost.MaximumLikelihood), GeneratorLoss.MaximumLikelihood(l).item<double>(), 12);
        // the non-saturating loss is BCE with target 1
        Assert.Equal(nn.functional.binary_cross_entropy_with_logits(l, ones_like(l)).item<double>(), GeneratorLoss.NonSaturating(l).item<double>(), 12);
        // and at D = ½ it is log 2 (the course's reference: initial G loss ≈ 0.7)
        Assert.Equal(Math.Log(2), GeneratorLoss.NonSaturating(zeros(16)).item<float>(), 6);
    }

    [Fact]
    public void MinimaxGradientVanishesWhenDRejectsTheSamplesButNonSaturatingDoesNot()
    {
        // logit −10: D(G(z)) ≈ 4.5e−5, the discriminator confidently calls the sample fake
        double minimax = LogitGradient(GeneratorLoss.Minimax, -10);
        double nonSaturating = LogitGradient(GeneratorLoss.NonSaturating, -10);
        double maxLikelihood = LogitGradient(GeneratorLoss.MaximumLikelihood, -10);
        Assert.InRange(Math.Abs(minimax), 0, 1e-4);
        Assert.InRange(Math.Abs(maxLikelihood), 0, 1e-4);
        Assert.InRange(Math.Abs(nonSaturating), 0.9999, 1.0);
        Assert.Equal(-Sigmoid(-10), minimax, 15);          // d/dl of −softplus(l) = −σ(l)
        Assert.Equal(-(1 - Sigmoid(-10)), nonSaturating, 15);
    }

    [Fact]
    public void TheMinimaxGradientShrinksTowardZeroAsDGoesToZero()
    {
        double previousMinimax = double.MaxValue;
        foreach (double logit in new[] { 0.0, -2, -5, -10, -20 })
        {
            double m = Math.Abs(LogitGradient(GeneratorLoss.Minimax, logit));
            double ns = Math.Abs(LogitGradient(GeneratorLoss.NonSaturating, logit));
            Assert.True(m < previousMinimax, $"minimax gradient should shrink (logit {logit})");
            Assert.True(ns >= 0.5, $"non-saturating gradient should stay large (logit {logit})");
            previousMinimax = m;
        }
        Assert.True(previousMinimax < 1e-8);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void AutogradMatchesTheTutorialsLogitGradients(double d)
    {
        double logit = Math.Log(d / (1 - d));
        Assert.Equal(2 * GeneratorCost.MinimaxLogitGradient(d), LogitGradient(GeneratorLoss.Minimax, logit), 12);
        Assert.Equal(2 * GeneratorCost.NonSaturatingLogitGradient(d), LogitGradient(GeneratorLoss.NonSaturating, logit), 12);
        Assert.Equal(2 * GeneratorCost.MaximumLikelihoodLogitGradient(d), LogitGradient(GeneratorLoss.MaximumLikelihood, logit), 12);
    }

    [Fact]
    public void EveryTutorialCostFallsAsTheDiscriminatorIsFooled()
    {
        var ds = Enumerable.Range(1, 99).Select(i => i / 100.0).ToArray();
        foreach (Func<double, double> cost in new Func<double, double>[] { GeneratorCost.Minimax, GeneratorCost.NonSaturating, GeneratorCost.MaximumLikelihood })
            for (int i = 1; i < ds.Length; i++)
                Assert.True(cost(ds[i]) < cost(ds[i - 1]), $"cost should decrease at d = {ds[i]}");
        Assert.Equal(double.PositiveInfinity, GeneratorCost.NonSaturating(0));
        Assert.Equal(double.NegativeInfinity, GeneratorCost.Minimax(1));
        Assert.Equal(double.NegativeInfinity, GeneratorCost.MaximumLikelihood(1));
        Assert.Contains("d = 1.2: d is the discriminator's probability D(G(z)) and must be in [0, 1]",
            Assert.Throws<ArgumentOutOfRangeException>(() => GeneratorCost.Minimax(1.2)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneratorCost.MaximumLikelihood(1.2)); // not −½·1.2/(−0.2) = 3
        Assert.Throws<ArgumentOutOfRangeException>(() => GeneratorCost.MaximumLikelihood(-0.1));
    }

    [Fact]
    public void LeastSquaresWassersteinAndHingeMatchHandComputations()
    {
        using var scope = NewDisposeScope();
        var fake = tensor(new[] { 0.5, -3.0 });
        Assert.Equal(0.5 * (0.25 + 16) / 2, GeneratorLoss.LeastSquares(fake).item<double>(), 12);
        Assert.Equal(1.25, GeneratorLoss.Wasserstein(fake).item<double>(), 12);
        Assert.Equal(1.25, GeneratorLoss.Hinge(fake).item<double>(), 12);
    }

    [Fact]
    public void ExtremeLogitsGiveFiniteLossesAndGradients()
    {
        using var scope = NewDisposeScope();
        var fake = tensor(new[] { 100f, -100f, 200f, -200f }, requires_grad: true);
        Assert.Equal(-75f, GeneratorLoss.Minimax(fake).item<float>(), 4);      // −mean of softplus(l) = −(100 + 0 + 200 + 0)/4
        Assert.Equal(75f, GeneratorLoss.NonSaturating(fake).item<float>(), 4);
        foreach (var loss in new GeneratorLossFn[] { GeneratorLoss.Minimax, GeneratorLoss.NonSaturating, GeneratorLoss.LeastSquares, GeneratorLoss.Wasserstein, GeneratorLoss.Hinge })
        {
            var value = loss(fake);
            Assert.True(float.IsFinite(value.item<float>()));
            var grad = autograd.grad([value], [fake])[0];
            Assert.All(grad.data<float>().ToArray(), v => Assert.True(float.IsFinite(v)));
        }
        // The maximum-likelihood cost is −exp(l)/2 per sample pair here: finite in float64, beyond float32's range,
        // as documented; at very negative logits it is finite (≈ 0) in any precision.
        var wide = tensor(new[] { 100.0, -100.0 });
        Assert.Equal(-Math.Exp(100) / 2, GeneratorLoss.MaximumLikelihood(wide).item<double>(), 1e29);
        Assert.Equal(float.NegativeInfinity, GeneratorLoss.MaximumLikelihood(tensor(new[] { 100f, -100f })).item<float>());
        Assert.True(float.IsFinite(GeneratorLoss.MaximumLikelihood(full(4, -100f)).item<float>()));
    }

    [Fact]
    public void BadInputsGiveClearErrors()
    {
        using var scope = NewDisposeScope();
        Assert.Contains("fakeLogits is empty", Assert.Throws<ArgumentException>(() => GeneratorLoss.NonSaturating(zeros(0))).Message);
        Assert.Contains("fakeLogits has dtype Int32", Assert.Throws<ArgumentException>(() => GeneratorLoss.Minimax(tensor(new[] { 1, 2 }))).Message);
        foreach (GeneratorLossFn loss in new GeneratorLossFn[] { GeneratorLoss.MaximumLikelihood, GeneratorLoss.LeastSquares, GeneratorLoss.Wasserstein, GeneratorLoss.Hinge })
        {
            var e = Assert.Throws<ArgumentException>(() => loss(zeros(0)));
            Assert.Contains("fakeLogits is empty", e.Message);
            Assert.Equal("fakeLogits", e.ParamName);
        }
    }
}
