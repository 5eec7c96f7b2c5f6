using TorchSharp;
using Xunit;
using static GanCourse.Tests.MathTests.TestDensities;
using static TorchSharp.torch;

namespace GanCourse.Tests.MathTests;

public class DivergenceTests
{
    private static readonly double Log2 = Math.Log(2);

    [Fact]
    public void KLOfTwoCoinsMatchesHandComputationAndIsAsymmetric()
    {
        double[] fair = [0.5, 0.5], biased = [0.9, 0.1];
        // ½ log(0.5/0.9) + ½ log(0.5/0.1) = ½ log(25/9) = log(5/3)
        Assert.Equal(Math.Log(5.0 / 3), Divergence.KL(fair, biased), 14);
        // 0.9 log(1.8) + 0.1 log(0.2)
        double reverse = 0.9 * Math.Log(1.8) + 0.1 * Math.Log(0.2);
        Assert.Equal(reverse, Divergence.KL(biased, fair), 14);
        Assert.True(Divergence.KL(fair, biased) - Divergence.KL(biased, fair) > 0.14, "KL is not symmetric");
    }

    [Fact]
    public void KLIsNonNegativeAndZeroExactlyForEqualDistributions()
    {
        var rng = new Random(1);
        for (int trial = 0; trial < 200; trial++)
        {
            var p = RandomDistribution(rng, 2 + trial % 7);
            var q = RandomDistribution(rng, p.Length);
            Assert.True(Divergence.KL(p, q) > 0, $"KL(p‖q) should be > 0 for p ≠ q (trial {trial})");
            Assert.Equal(0.0, Divergence.KL(p, p));
        }
    }

    [Fact]
    public void KLIgnoresOutcomesPNeverProducesAndIsInfiniteWhereQHasNoMass()
    {
        // The 0·log(0/q) term is 0: KL = ½ log(0.5/0.4) · 2 = log 1.25
        Assert.Equal(Math.Log(1.25), Divergence.KL([0, 0.5, 0.5], [0.2, 0.4, 0.4]), 14);
        Assert.Equal(double.PositiveInfinity, Divergence.KL([0.2, 0.4, 0.4], [0, 0.5, 0.5]));
    }

    [Fact]
    public void JSIsSymmetricBoundedAndEqualsTheAverageKLToTheMixture()
    {
        var rng = new Random(2);
        for (int trial = 0; trial < 100; trial++)
        {
            var p = RandomDistribution(rng, 2 + trial % 5);
            var q = RandomDistribution(rng, p.Length);
            double js = Divergence.JS(p, q);
            Assert.Equal(js, Divergence.JS(q, p), 15);
            Assert.InRange(js, 1e-12, Log2);
            // independent computation: ½ Σ p log(2p/(p+q)) + ½ Σ q log(2q/(p+q))
            double byHand = 0;
            for (int i = 0; i < p.Length; i++)
                byHand += 0.5 * p[i] * Math.Log(2 * p[i] / (p[i] + q[i])) + 0.5 * q[i] * Math.Log(2 * q[i] / (p[i] + q[i]));
            Assert.Equal(byHand, js, 13);
        }
        double[] same = [0.2, 0.3, 0.5];
        Assert.Equal(0.0, Divergence.JS(same, same), 15);
    }

    [Fact]
    public void JSOfDisjointSupportsIsExactlyLog2WhileKLIsInfinite()
    {
        double[] p = [0.3, 0.7, 0, 0], q = [0, 0, 0.5, 0.5];
        Assert.Equal(Log2, Divergence.JS(p, q), 15);
        Assert.Equal(double.PositiveInfinity, Divergence.KL(p, q));
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 0.2, 0.3, 0.5 }, "p has 2 entries but q has 3")]
    [InlineData(new[] { 0.6, 0.4 }, new[] { 1.1, -0.1 }, "q[1] = -0.1: probabilities must be finite and non-negative")]
    [InlineData(new[] { double.NaN, 0.5 }, new[] { 0.5, 0.5 }, "p[0] = NaN")]
    [InlineData(new[] { 1.0, 3.0 }, new[] { 0.5, 0.5 }, "p sums to 4, not 1")]
    [InlineData(new double[0], new double[0], "p is empty")]
    public void BadDiscreteInputsGiveClearErrors(double[] p, double[] q, string message)
    {
        var kl = Assert.Throws<ArgumentException>(() => Divergence.KL(p, q));
        Assert.Contains(message, kl.Message);
        var js = Assert.Throws<ArgumentException>(() => Divergence.JS(p, q));
        Assert.Contains(message, js.Message);
    }

    [Fact]
    public void CountsAreRejectedWithAPointerToNormalizeWhichRescalesThem()
    {
        var e = Assert.Throws<ArgumentException>(() => Divergence.KL([1, 3], [2, 2]));
        Assert.Contains("Divergence.Normalize(p)", e.Message);
        Assert.Equal([0.25, 0.75], Divergence.Normalize([1, 3]));
        Assert.Equal(Divergence.KL([0.25, 0.75], [0.5, 0.5]), Divergence.KL(Divergence.Normalize([1, 3]), Divergence.Normalize([2, 2])));
        Assert.Contains("all zero", Assert.Throws<ArgumentException>(() => Divergence.Normalize([0, 0])).Message);
    }

    [Fact]
    public void KLBetweenGaussiansHasTheKnownClosedForms()
    {
        Assert.Equal(0.0, Divergence.KLGaussians(1.5, 2, 1.5, 2), 15);
        Assert.Equal(0.5, Divergence.KLGaussians(0, 1, 1, 1), 15);                     // Δμ²/2
        Assert.Equal(Log2 + 1.0 / 8 - 0.5, Divergence.KLGaussians(0, 1, 0, 2), 15);   // log 2 + 1/8 − ½
        Assert.NotEqual(Divergence.KLGaussians(0, 1, 0, 2), Divergence.KLGaussians(0, 2, 0, 1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Divergence.KLGaussians(0, 0, 0, 1));
        Assert.Contains("sigma1 = 0: it must be a finite number greater than 0", e.Message);
    }

    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(0, 1, 0, 2)]
    [InlineData(-1, 0.5, 2, 1.5)]
    [InlineData(3, 2, 0, 0.7)]
    public void KLOfGaussiansAgreesAnalyticallyOnAGridAndByMonteCarlo(double mu1, double s1, double mu2, double s2)
    {
        double analytic = Divergence.KLGaussians(mu1, s1, mu2, s2);
        var grid = Grid.Linspace(-20, 20, 4001);
        Assert.Equal(analytic, Divergence.KL(Normal(mu1, s1), Normal(mu2, s2), grid), 8);

        var samples = SampleNormal(new Random(3), 100_000, mu1, s1);
        var mc = Divergence.KLMonteCarlo(samples, x => LogNormal(x, mu1, s1), x => LogNormal(x, mu2, s2));
        Assert.Equal(100_000, mc.Samples);
        Assert.True(Math.Abs(mc.Value - analytic) < 4 * mc.StandardError, $"Monte Carlo {mc} vs analytic {analytic}");
        Assert.True(mc.StandardError < 0.005 * Math.Max(1, analytic), $"standard error {mc.StandardError} too large");
    }

    [Fact]
    public void MonteCarloWorksForTwoDimensionalSamples()
    {
        // KL(N(0, I) ‖ N(m, I)) = |m|²/2 = (1² + 2²)/2 = 2.5
        var rng = new Random(4);
        var xs = SampleNormal(rng, 50_000, 0, 1);
        var ys = SampleNormal(rng, 50_000, 0, 1);
        var samples = xs.Zip(ys, (x, y) => new[] { x, y }).ToArray();
        var mc = Divergence.KLMonteCarlo(samples,
            v => LogNormal(v[0], 0, 1) + LogNormal(v[1], 0, 1),
            v => LogNormal(v[0], 1, 1) + LogNormal(v[1], 2, 1));
        Assert.True(Math.Abs(mc.Value - 2.5) < 4 * mc.StandardError, $"Monte Carlo {mc} vs 2.5");
    }

    [Fact]
    public void JSMonteCarloAgreesWithTheGridValue()
    {
        var grid = Grid.Linspace(-15, 15, 3001);
        double onGrid = Divergence.JS(Normal(0, 1), Normal(1, 1.5), grid);
        var rng = new Random(5);
        var mc = Divergence.JSMonteCarlo(SampleNormal(rng, 50_000, 0, 1), SampleNormal(rng, 50_000, 1, 1.5),
            x => LogNormal(x, 0, 1), x => LogNormal(x, 1, 1.5));
        Assert.True(Math.Abs(mc.Value - onGrid) < 4 * mc.StandardError, $"Monte Carlo {mc} vs grid {onGrid}");
        Assert.InRange(onGrid, 0.05, 0.2);
    }

    [Fact]
    public void JSOnAGridSaturatesAtLog2AsGaussiansMoveApart()
    {
        var grid = Grid.Linspace(-10, 50, 6001);
        double previous = -1;
        foreach (double d in new[] { 0.0, 0.5, 1, 2, 4, 8 })
        {
            double js = Divergence.JS(Normal(0, 1), Normal(d, 1), grid);
            Assert.True(js > previous, $"JS should grow with the distance (d = {d})");
            previous = js;
        }
        Assert.Equal(0.0, Divergence.JS(Normal(0, 1), Normal(0, 1), grid), 15);
        Assert.Equal(Log2, Divergence.JS(Normal(0, 1), Normal(40, 1), grid), 10);
        // Uniforms with disjoint supports: the integrand is log 2 · (p + q)/2 point by point, so the grid value is
        // log 2 times the grid's (slightly inexact, because of the jumps) average mass.
        var g = Grid.Linspace(-1, 4, 5001);
        double massP = g.Integrate(Uniform(0, 1)), massQ = g.Integrate(Uniform(2, 3));
        double jsUniform = Divergence.JS(Uniform(0, 1), Uniform(2, 3), g);
        Assert.Equal(Log2 * (massP + massQ) / 2, jsUniform, tolerance: 1e-12);
        Assert.Equal(Log2, jsUniform, 2);
    }

    [Fact]
    public void ADensityThatTheGridDoesNotCoverIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Divergence.KL(Normal(0, 1), Normal(1, 1), Grid.Linspace(0, 8, 801)));
        Assert.Contains("pValues integrates to 0.5", e.Message);
        Assert.Contains("widen the grid", e.Message);
        var mismatch = Assert.Throws<ArgumentException>(() => Divergence.KLOnGrid([1, 1], [1, 1, 1], 1));
        Assert.Contains("pValues has 2 entries but qValues has 3", mismatch.Message);
    }

    [Fact]
    public void JSMonteCarloStandardErrorMatchesTheSpreadOfRepeatedEstimates()
    {
        // 400 independent estimates from 250 samples of each side: the spread of the estimates is what the reported
        // standard error claims to be. The spread itself is known to ±1/√(2·400) ≈ 3.5 %, so a band of ±15 % rejects a
        // standard error that is doubled, halved, or missing one of the two halves.
        var rng = new Random(12);
        var estimates = new double[400];
        var reported = new double[estimates.Length];
        for (int r = 0; r < estimates.Length; r++)
        {
            var mc = Divergence.JSMonteCarlo(SampleNormal(rng, 250, 0, 1), SampleNormal(rng, 250, 1, 1.5),
                x => LogNormal(x, 0, 1), x => LogNormal(x, 1, 1.5));
            estimates[r] = mc.Value;
            reported[r] = mc.StandardError;
        }
        double mean = estimates.Average();
        double spread = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (estimates.Length - 1));
        double typicalReported = Math.Sqrt(reported.Average(s => s * s));
        Assert.InRange(typicalReported / spread, 0.85, 1.15);
    }

    [Fact]
    public void MonteCarloRejectsSamplesImpossibleUnderTheirOwnDistribution()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Divergence.KLMonteCarlo([0.5, 2.0], x => x < 1 ? 0 : double.NegativeInfinity, x => 0));
        Assert.Contains("logP(samplesFromP[1]) = −∞", e.Message);
        Assert.Contains("samplesFromP is empty", Assert.Throws<ArgumentException>(() =>
            Divergence.KLMonteCarlo(Array.Empty<double>(), x => 0, x => 0)).Message);
        Assert.Contains("logQ(samplesFromP[0]) = NaN", Assert.Throws<ArgumentException>(() =>
            Divergence.KLMonteCarlo([0.0], x => 0, x => double.NaN)).Message);
        // logQ = −∞ on a sample of P is legitimate: KL is then +∞.
        Assert.Equal(double.PositiveInfinity, Divergence.KLMonteCarlo([0.0, 1.0], x => 0, x => x > 0.5 ? double.NegativeInfinity : 0).Value);
    }

    [Fact]
    public void TensorVersionsMatchTheArrayVersions()
    {
        using var scope = NewDisposeScope();
        double[] p1 = [0.1, 0.2, 0.7], q1 = [0.3, 0.3, 0.4], p2 = [0.5, 0.5, 0], q2 = [0.2, 0.2, 0.6];
        var p = tensor(p1.Concat(p2).ToArray(), dtype: ScalarType.Float64).reshape(2, 3);
        var q = tensor(q1.Concat(q2).ToArray(), dtype: ScalarType.Float64).reshape(2, 3);
        var kl = Divergence.KL(p, q).data<double>().ToArray();
        var js = Divergence.JS(p, q).data<double>().ToArray();
        Assert.Equal(Divergence.KL(p1, q1), kl[0], 14);
        Assert.Equal(Divergence.KL(p2, q2), kl[1], 14);
        Assert.Equal(Divergence.JS(p1, q1), js[0], 14);
        Assert.Equal(Divergence.JS(p2, q2), js[1], 14);
        Assert.Equal(double.PositiveInfinity, Divergence.KL(q, p).data<double>()[1]);

        var grid = Grid.Linspace(-12, 12, 1201);
        var a = grid.Evaluate(Normal(0, 1));
        var b = grid.Evaluate(Normal(1, 2));
        Assert.Equal(Divergence.KLOnGrid(a, b, grid.Dx), Divergence.KLOnGrid(tensor(a), tensor(b), grid.Dx).item<double>(), 12);
        Assert.Equal(Divergence.JSOnGrid(a, b, grid.Dx), Divergence.JSOnGrid(tensor(a), tensor(b), grid.Dx).item<double>(), 12);

        Assert.Contains("p has shape [2, 3] but q has shape [3]", Assert.Throws<ArgumentException>(() => Divergence.KL(p, tensor(q1))).Message);
        Assert.Contains("negative or NaN", Assert.Throws<ArgumentException>(() => Divergence.KL(tensor(new[] { 1.5, -0.5 }), tensor(new[] { 0.5, 0.5 }))).Message);
    }

    [Fact]
    public void FittingAGaussianByForwardKLCoversBothModesAndByReverseKLPicksOne()
    {
        using var scope = NewDisposeScope();
        var grid = Grid.Linspace(-9, 9, 361);
        var x = grid.ToTensor();
        var p = tensor(grid.Evaluate(Mixture(-2, 0.5, 2, 0.5)));

        // KL(P‖Q) over Gaussians Q is minimised by moment matching: μ = 0, σ² = 0.25 + 4.
        var (muF, sigmaF) = Fit(x, grid.Dx, (q) => Divergence.KLOnGrid(p, q, grid.Dx), mu0: 0.5, sigma0: 1);
        Assert.Equal(0, muF, 3);
        Assert.Equal(Math.Sqrt(4.25), sigmaF, 3);

        // KL(Q‖P) is mode seeking: started near the right mode, Q settles on it.
        var (muR, sigmaR) = Fit(x, grid.Dx, (q) => Divergence.KLOnGrid(q, p, grid.Dx), mu0: 1.5, sigma0: 1);
        Assert.Equal(2, muR, 2);
        Assert.Equal(0.5, sigmaR, 2);
    }

    private static (double Mu, double Sigma) Fit(Tensor x, double dx, Func<Tensor, Tensor> divergence, double mu0, double sigma0)
    {
        var mu = tensor(mu0, dtype: ScalarType.Float64).requires_grad_();
        var logSigma = tensor(Math.Log(sigma0), dtype: ScalarType.Float64).requires_grad_();
        for (int step = 0; step < 300; step++)
        {
            using var inner = NewDisposeScope();
            var sigma = logSigma.exp();
            var q = (-0.5 * ((x - mu) / sigma).square()).exp() / (sigma * Math.Sqrt(2 * Math.PI));
            var loss = divergence(q);
            var grads = autograd.grad([loss], [mu, logSigma]);
            using (no_grad())
            {
                mu.sub_(0.3 * grads[0]);
                logSigma.sub_(0.3 * grads[1]);
            }
        }
        return (mu.item<double>(), Math.Exp(logSigma.item<double>()));
    }
}
