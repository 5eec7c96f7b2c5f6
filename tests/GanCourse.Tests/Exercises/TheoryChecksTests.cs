using Xunit;
using static GanCourse.Tests.Exercises.CheckAssert;

namespace GanCourse.Tests.Exercises;

/// <summary>
/// The exercise checks of notebooks 00-05 pass the reference solutions (computed here as the notebooks compute them),
/// report the placeholder as unanswered, and fail plausible wrong answers (wrong sign, off by a factor, the classic
/// misconception of each exercise) without printing the expected value.
/// </summary>
public class TheoryChecksTests
{
    // ---------- 00 ----------

    static readonly double[] W = [0.3, 0.5, 0.2], Mu = [-3.0, 0.0, 4.0], Sigma = [0.8, 1.0, 0.5];
    static readonly GaussianMixture1D Mixture = new(W, Mu, Sigma);
    static readonly double[,] Table = { { 0.30, 0.15, 0.05 }, { 0.10, 0.15, 0.25 } };

    /// <summary>The notebook's error function (Abramowitz-Stegun 7.1.26, accurate to 1.5·10⁻⁷).</summary>
    static double Erf(double x)
    {
        double t = 1 / (1 + 0.3275911 * Math.Abs(x));
        double y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.Exp(-x * x);
        return x >= 0 ? y : -y;
    }

    [Fact]
    public void Notebook00()
    {
        double bayes = Table[1, 2] / (Table[0, 2] + Table[1, 2]);
        Right(Checks00.Exercise1(bayes, Table));
        Unanswered(Checks00.Exercise1(double.NaN, Table));
        // P(y = 2 | x = 1) (conditioning the wrong way), the joint P(x = 1, y = 2), and P(x = 0 | y = 2)
        WrongScalars(a => Checks00.Exercise1(a, Table), bayes, 0.5, 0.25, 1 - bayes);
        Assert.Contains("2x3", Assert.Throws<ArgumentException>(() => Checks00.Exercise1(bayes, new double[3, 3])).Message);
        Assert.Contains("2x3", Assert.Throws<ArgumentException>(() => Checks00.Exercise1(bayes, new double[2, 2])).Message);
        Assert.Throws<ArgumentNullException>(() => Checks00.Exercise1(bayes, null!));
        Assert.Throws<ArgumentNullException>(() => Checks00.Exercise2(0, null!));

        double mean = W.Zip(Mu, (w, m) => w * m).Sum();
        Right(Checks00.Exercise2(mean, Mixture));
        Unanswered(Checks00.Exercise2(double.NaN, Mixture));
        // unweighted mean of the means, wrong sign, the means added up
        WrongScalars(a => Checks00.Exercise2(a, Mixture), mean, Mu.Average(), -mean, Mu.Sum());

        double secondMoment = Enumerable.Range(0, 3).Sum(k => W[k] * (Sigma[k] * Sigma[k] + Mu[k] * Mu[k]));
        double variance = secondMoment - mean * mean;
        Right(Checks00.Exercise3(variance, Mixture));
        // only the within-component variance, E[x²] without subtracting E[x]², weighted standard deviations
        WrongScalars(a => Checks00.Exercise3(a, Mixture), variance,
            Enumerable.Range(0, 3).Sum(k => W[k] * Sigma[k] * Sigma[k]), secondMoment, W.Zip(Sigma, (w, s) => w * s).Sum());

        double tail = 0.5 * (1 - Erf(1 / Math.Sqrt(2)));
        Right(Checks00.Exercise4(tail));
        Right(Checks00.Exercise4(0.15865525393145705)); // the exact tail passes too
        // erf without the √2, the wrong tail, the event z > e, and 1 − 1/e
        WrongScalars(Checks00.Exercise4, tail, 0.5 * (1 - Erf(1)), 1 - tail, 0.5 * (1 - Erf(Math.E / Math.Sqrt(2))), 1 - 1 / Math.E);
    }

    [Fact]
    public void Notebook00GridIntegralsAreFarMoreAccurateThanTheirTolerance()
    {
        // The tolerance of Exercises 2 and 3 (10⁻⁹) must rest on the grid's accuracy, not on luck: the grid meets the
        // closed forms 100 times closer than that, for the notebook's mixture and for narrower and wider ones.
        GaussianMixture1D[] mixtures =
        [
            Mixture,
            new([0.5, 0.5], [-10.0, 10.0], [0.05, 3.0]),
            new([1.0, 2.0, 3.0, 4.0], [0.0, 1.0, 2.0, 30.0], [1.0, 0.2, 5.0, 0.5]),
            GaussianMixture1D.Gaussian(3, 5),
        ];
        foreach (var m in mixtures)
        {
            var grid = Checks00.CoveringGrid(m);
            double mean = grid.Integrate(x => x * m.Density(x));
            double variance = grid.Integrate(x => (x - mean) * (x - mean) * m.Density(x));
            Assert.True(Math.Abs(mean - m.Mean) < Checks00.GridTolerance / 100, $"{m}: grid mean {mean} vs {m.Mean}");
            Assert.True(Math.Abs(variance - m.Variance) < Checks00.GridTolerance / 100 * Math.Max(1, m.Variance), $"{m}: grid variance {variance} vs {m.Variance}");
            Assert.True(Checks00.Exercise2(m.Mean, m).Passed);
            Assert.True(Checks00.Exercise3(m.Variance, m).Passed);
        }
        // Exercise 4's grid: its error is below the (dx²/12)·|p'(e)| ≈ 1.4·10⁻⁷ it is documented with, well inside 10⁻⁶.
        double onGrid = Grid.Linspace(Math.E, 1e4, 2_000_001).Integrate(Checks00.LogNormalDensity);
        Assert.InRange(Math.Abs(onGrid - 0.15865525393145705), 0, 2e-7);
        Assert.InRange(Math.Abs(0.5 * (1 - Erf(1 / Math.Sqrt(2))) - 0.15865525393145705), 0, 1.5e-7);
    }

    // ---------- 01 ----------

    [Fact]
    public void Notebook01()
    {
        double clueless = Math.Log(0.5) + Math.Log(1 - 0.5);
        Right(Checks01.Exercise1(clueless));
        Unanswered(Checks01.Exercise1(double.NaN));
        // one term only, the loss J(D) = log 2 instead of the value, the sign flipped
        WrongScalars(Checks01.Exercise1, clueless, Math.Log(0.5), Math.Log(2), -clueless);

        double batch = Math.Log(0.8) + Math.Log(1 - 0.3);
        Right(Checks01.Exercise2(batch));
        Assert.Contains("doing better", Checks01.Exercise2(batch).Message);
        // log D(G(z)) instead of log(1 − D(G(z))), the loss −V/2, the sign flipped
        WrongScalars(Checks01.Exercise2, batch, Math.Log(0.8) + Math.Log(0.3), -batch / 2, -batch);

        const int k = 3;
        Right(Checks01.Exercise3([2 * k + 1, k + 1], 7, 4));
        Unanswered(Checks01.Exercise3([double.NaN, double.NaN], 7, 4));
        Unanswered(Checks01.Exercise3(null, 7, 4));
        // D once per critic step, G not counted in the critic steps, the forger's step forgotten
        foreach (double[] wrong in new[] { new double[] { 4, 4 }, [2 * k, k], [7, 1], [7] })
            Wrong(Checks01.Exercise3(wrong, 7, 4), [7, 4], wrong);
        Assert.StartsWith("D's forward passes: 6 is too low", Checks01.Exercise3([6, 3], 7, 4).Message);
    }

    // ---------- 02 ----------

    [Fact]
    public void Notebook02()
    {
        double kl = 0.5 * Math.Log(0.5 / 0.25) + 0.5 * Math.Log(0.5 / 0.75);
        Right(Checks02.Exercise1(kl));
        Unanswered(Checks02.Exercise1(double.NaN));
        // KL(Q ‖ P) (the asymmetry), in bits, the negative term dropped
        WrongScalars(Checks02.Exercise1, kl, 0.25 * Math.Log(0.25 / 0.5) + 0.75 * Math.Log(0.75 / 0.5), kl / Math.Log(2), 0.5 * Math.Log(2));

        double[] m = [0.75, 0.25];
        double js = 0.5 * Divergence.KL([1.0, 0.0], m) + 0.5 * Divergence.KL([0.5, 0.5], m);
        Right(Checks02.Exercise2(js));
        // the ½ forgotten, one half only, the bound log 2 (as if the supports were disjoint)
        WrongScalars(Checks02.Exercise2, js, 2 * js, Divergence.KL([1.0, 0.0], m), Math.Log(2));

        double gaussians = Math.Log(1.5 / 0.5) + (0.5 * 0.5 + 2.0 * 2.0) / (2 * 1.5 * 1.5) - 0.5;
        Right(Checks02.Exercise3(gaussians));
        // the other direction KL(Q ‖ P), variances in the log, the −½ forgotten
        WrongScalars(Checks02.Exercise3, gaussians,
            Divergence.KLGaussians(-1, 1.5, 1, 0.5), Math.Log(1.5 * 1.5 / (0.5 * 0.5)) + (0.5 * 0.5 + 4.0) / (2 * 1.5 * 1.5) - 0.5, gaussians + 0.5);

        double mean = 0.3 * -1.0 + 0.7 * 3.0, sigma = Math.Sqrt(0.3 * (1.0 + 1.0) + 0.7 * (0.25 + 9.0) - mean * mean);
        (double mu, double s) fitted = (mean + 0.003, sigma - 0.004); // what gradient descent reaches, within its accuracy
        Right(Checks02.Exercise4([mean, sigma], fitted.mu, fitted.s));
        Unanswered(Checks02.Exercise4([mean, double.NaN], fitted.mu, fitted.s));
        // the mode-seeking answer of reverse KL, the variance for σ, the components' spread only, the unweighted mean
        foreach (double[] wrong in new[] { new[] { 3.0, 0.5 }, [mean, sigma * sigma], [mean, Math.Sqrt(0.3 * 1.0 + 0.7 * 0.25)], [1.0, sigma] })
            Wrong(Checks02.Exercise4(wrong, fitted.mu, fitted.s), [fitted.mu, fitted.s], wrong);
        Assert.StartsWith("σ: ", Checks02.Exercise4([mean, sigma * sigma], fitted.mu, fitted.s).Message);
    }

    [Fact]
    public void Notebook02GridKLIsFarMoreAccurateThanItsTolerance()
    {
        double onGrid = Divergence.KL(GaussianMixture1D.Gaussian(1, 0.5).Density, GaussianMixture1D.Gaussian(-1, 1.5).Density, Grid.Linspace(-5, 7, 9601));
        Assert.InRange(Math.Abs(onGrid - Divergence.KLGaussians(1, 0.5, -1, 1.5)), 0, 1e-11);
    }

    // ---------- 03 ----------

    [Fact]
    public void Notebook03()
    {
        var star = OptimalDiscriminator.From(GaussianMixture1D.Gaussian(0, 1).Density, GaussianMixture1D.Gaussian(1, 1).Density);
        double undecided = Enumerable.Range(0, 4001).Select(k => -2 + k * 0.001).MinBy(t => Math.Abs(star.At(t) - 0.5));
        Right(Checks03.Exercise1(undecided));
        Unanswered(Checks03.Exercise1(double.NaN));
        // the data's mean, the generator's mean, the wrong side
        WrongScalars(Checks03.Exercise1, 0.5, 0, 1, -0.5, 0.51);

        double hopeless = GanValue.Optimal(t => t >= 0 && t <= 1 ? 1 : 0, t => t >= 2 && t <= 3 ? 1 : 0, Grid.Linspace(-1, 4, 5001));
        Right(Checks03.Exercise2(hopeless));
        // the minimum −log 4 (reached at p_g = p_data), the JSD itself, the factor 2 forgotten
        WrongScalars(Checks03.Exercise2, 0, -Math.Log(4), Math.Log(2), -Math.Log(4) + Math.Log(2));

        double smoothed = OptimalDiscriminator.Value(1.0, 1.0, realLabel: 0.9);
        Right(Checks03.Exercise3(smoothed));
        // smoothing ignored, α p/(α p + q) (the (1 − α) p log(1 − D) term forgotten), α itself
        WrongScalars(Checks03.Exercise3, 0.45, 0.5, 0.9 / 1.9, 0.9);
    }

    // ---------- 04 ----------

    [Fact]
    public void Notebook04()
    {
        var rps = new MatrixGame(new[,] { { 0, -1, 1 }, { 1, 0, -1 }, { -1, 1, 0 } });
        Right(Checks04.Exercise1(rps.SolveExactly().Value.ToDouble()));
        Unanswered(Checks04.Exercise1(double.NaN));
        // a probability instead of the value, a win, a loss
        WrongScalars(Checks04.Exercise1, 0, 1 / 3.0, 1, -1);

        Right(Checks04.Exercise2(3.0 / 7));
        // Blue's probability, no mixing, the complement of a wrong root
        WrongScalars(Checks04.Exercise2, 3.0 / 7, 4.0 / 7, 0.5, 2.0 / 7);

        double radius = GradientPlay.Simultaneous(1, 0, 0.05, 200).Radius(200);
        Right(Checks04.Exercise3(radius));
        // the factor 1 + η² per step (no square root), "the distance is conserved", the factor 1 + η
        WrongScalars(Checks04.Exercise3, radius, Math.Pow(1 + 0.05 * 0.05, 200), 1, Math.Pow(1.05, 200), 1.2839);

        var alternating = GradientPlay.Alternating(1, 0, 0.5, 1000);
        double farthest = alternating.Radii().Max();
        var right = Checks04.Exercise4(farthest);
        Right(right);
        Assert.Contains("never exceeds √(1/(1 − η/2)) ≈ 1.1547", right.Message);
        Unanswered(Checks04.Exercise4(double.NaN));
        // the bound typed in (exactly or rounded), the last radius instead of the largest, the starting radius, the question's 2
        WrongScalars(Checks04.Exercise4, farthest, Math.Sqrt(1 / (1 - 0.25)), 1.1547, Math.Round(farthest, 4), alternating.Radius(1000), 1, 2);
    }

    // ---------- 05 ----------

    [Fact]
    public void Notebook05()
    {
        double cost = GeneratorCost.NonSaturating(0.1);
        Right(Checks05.Exercise1(cost));
        Unanswered(Checks05.Exercise1(double.NaN));
        var signFlipped = Checks05.Exercise1(-cost);
        Assert.DoesNotContain("1.15129", signFlipped.Message.Replace("-1.15129", ""));
        Assert.Contains("has the wrong sign", signFlipped.Message);
        // the sign flipped (the example), the ½ forgotten, the minimax cost
        WrongScalars(Checks05.Exercise1, cost, -cost, 2 * cost, GeneratorCost.Minimax(0.1));

        double ratio = GeneratorCost.NonSaturatingLogitGradient(0.01) / GeneratorCost.MinimaxLogitGradient(0.01);
        Right(Checks05.Exercise2(ratio));
        // upside down, 1/d, signs kept apart
        WrongScalars(Checks05.Exercise2, 99, 1 / ratio, 100, -ratio);

        var grid = Enumerable.Range(1, 9_999).Select(k => k / 10_000.0);
        Right(Checks05.Exercise3(grid.MinBy(d => Math.Abs(GeneratorCost.MinimaxLogitGradient(d) - GeneratorCost.NonSaturatingLogitGradient(d)))));
        WrongScalars(Checks05.Exercise3, 0.5, 0, 1, 0.25);

        var fine = Enumerable.Range(1, 99_999).Select(k => k / 100_000.0);
        double crossing = fine.First(d => Math.Abs(GeneratorCost.MaximumLikelihoodLogitGradient(d)) > Math.Abs(GeneratorCost.NonSaturatingLogitGradient(d)));
        Right(Checks05.Exercise4(crossing));
        // d = 1 − d² (the golden ratio's root), the other root of the right quadratic, "at ½"
        WrongScalars(Checks05.Exercise4, (3 - Math.Sqrt(5)) / 2, (Math.Sqrt(5) - 1) / 2, (3 + Math.Sqrt(5)) / 2, 0.5);
    }
}
