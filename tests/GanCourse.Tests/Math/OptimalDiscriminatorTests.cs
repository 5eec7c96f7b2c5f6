using Xunit;
using static GanCourse.Tests.MathTests.TestDensities;

namespace GanCourse.Tests.MathTests;

public class OptimalDiscriminatorTests
{
    private static readonly double Log4 = Math.Log(4);
    private static readonly Grid Wide = Grid.Linspace(-30, 30, 6001);

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void DStarOfTwoUnitGaussiansIsALogisticCurve()
    {
        // p_data = N(0, 1), p_g = N(1, 1): p_g/p_data = exp(x − ½), so D*(x) = σ(½ − x).
        var dStar = OptimalDiscriminator.From(Normal(0, 1), Normal(1, 1));
        foreach (double x in new[] { -3.0, -1, 0, 0.5, 1, 2.5 })
            Assert.Equal(Sigmoid(0.5 - x), dStar.At(x), 14);
        Assert.Equal(0.5, dStar.At(0.5), 15);
        Assert.Equal(0.5 - 2.5, dStar.LogitAt(2.5), 13);
        Assert.Equal(1.0, dStar.At(-37));                 // D* has rounded to 1 ...
        Assert.Equal(0.5 + 37, dStar.LogitAt(-37), 6);   // ... its logit has not (p_g is a subnormal number there)
        var grid = Grid.Linspace(-2, 3, 6);
        Assert.Equal(grid.Points.Select(x => Sigmoid(0.5 - x)).ToArray(), dStar.On(grid), new ToleranceComparer(1e-14));
        Assert.Equal(dStar.On(grid), OptimalDiscriminator.Of(grid.Evaluate(Normal(0, 1)), grid.Evaluate(Normal(1, 1))));
    }

    [Fact]
    public void DStarIsOneHalfWhereTheDensitiesAgreeOrBothVanish()
    {
        var dStar = OptimalDiscriminator.From(Uniform(0, 1), Uniform(0.5, 1.5));
        Assert.Equal(1.0, dStar.At(0.25));   // only data
        Assert.Equal(0.5, dStar.At(0.75));   // both, equal densities
        Assert.Equal(0.0, dStar.At(1.25));   // only the generator
        Assert.Equal(0.5, dStar.At(5));      // neither: the documented choice
        Assert.Equal(0.5, OptimalDiscriminator.Value(0, 0));
    }

    [Fact]
    public void LabelSmoothingScalesTheOptimumByTheRealLabel()
    {
        var smoothed = OptimalDiscriminator.From(Normal(0, 1), Normal(1, 1), realLabel: 0.9);
        Assert.Equal(0.45, smoothed.At(0.5), 15);
        Assert.Equal(0.9 * Sigmoid(0.5 - -2.0), smoothed.At(-2), 14);
        Assert.Equal(0.9 * 3 / 4, OptimalDiscriminator.Value(3, 1, 0.9), 15);
        Assert.Equal(0.45, OptimalDiscriminator.Value(0, 0, 0.9), 15);
        Assert.Equal(Math.Log(0.45 / 0.55), smoothed.LogitAt(0.5), 14);
        Assert.Contains("realLabel = 0", Assert.Throws<ArgumentOutOfRangeException>(() =>
            OptimalDiscriminator.From(Normal(0, 1), Normal(1, 1), realLabel: 0)).Message);
    }

    [Fact]
    public void WithSmoothingTheLogitWhereBothDensitiesVanishIsTheLogitOfHalfTheRealLabel()
    {
        // p_data uniform on [0, 1], p_g uniform on [2, 3]: at x = 5 neither has mass, and D* takes α/2 there.
        Func<double, double> pData = x => x >= 0 && x <= 1 ? 1 : 0, pModel = x => x >= 2 && x <= 3 ? 1 : 0;
        foreach (double alpha in new[] { 0.9, 0.7, 1.0 })
        {
            var smoothed = OptimalDiscriminator.From(pData, pModel, realLabel: alpha);
            Assert.Equal(alpha / 2, smoothed.At(5), 15);
            Assert.Equal(Math.Log((alpha / 2) / (1 - alpha / 2)), smoothed.LogitAt(5), 14);
            Assert.Equal(smoothed.At(5), Sigmoid(smoothed.LogitAt(5)), 14); // the logit and the probability agree
            Assert.Equal(smoothed.At(0.5), Sigmoid(smoothed.LogitAt(0.5)), 14); // only p_data: α
            Assert.Equal(double.NegativeInfinity, smoothed.LogitAt(2.5));     // only p_g: D* = 0
        }
        Assert.Equal(Math.Log(0.45 / 0.55), OptimalDiscriminator.From(pData, pModel, realLabel: 0.9).LogitAt(5), 14);
    }

    [Fact]
    public void DStarMaximisesTheValueFunction()
    {
        Func<double, double> pData = Normal(0, 1), pModel = Normal(1.5, 0.8);
        var dStar = OptimalDiscriminator.From(pData, pModel);
        double best = GanValue.OfLogits(dStar.LogitAt, pData, pModel, Wide);
        Assert.Equal(GanValue.Optimal(pData, pModel, Wide), best, 12);
        // As probabilities, D* rounds to exactly 1 in the far left tail while p_g is still positive there:
        // log(1 − D*) = −∞ there, which is why logits are preferred.
        Assert.Equal(double.NegativeInfinity, GanValue.Of(dStar, pData, pModel, Wide));
        var moderate = Grid.Linspace(-6, 6, 1201);
        Func<double, double> pNarrow = Normal(0, 1.2), qNarrow = Normal(1, 1.2);
        Assert.Equal(GanValue.Optimal(pNarrow, qNarrow, moderate),
            GanValue.Of(OptimalDiscriminator.From(pNarrow, qNarrow), pNarrow, qNarrow, moderate), 12);
        // D = ½ everywhere scores −log 4 whatever the densities
        Assert.Equal(-Log4, GanValue.Of(_ => 0.5, pData, pModel, Wide), 12);
        Assert.True(best > -Log4 + 0.1);
        // any perturbation of D* does worse
        foreach (double eps in new[] { -0.05, 0.05 })
        {
            double perturbed = GanValue.OfLogits(x => dStar.LogitAt(x) + eps * Math.Sin(3 * x), pData, pModel, Wide);
            Assert.True(perturbed < best, $"perturbation {eps} gave {perturbed} ≥ {best}");
        }
    }

    public static TheoryData<string, Func<double, double>, Func<double, double>> Pairs => new()
    {
        { "N(0,1) vs N(1,1)", Normal(0, 1), Normal(1, 1) },
        { "N(0,1) vs N(0,2)", Normal(0, 1), Normal(0, 2) },
        { "N(0,1) vs N(3,0.5)", Normal(0, 1), Normal(3, 0.5) },
        { "bimodal vs N(0,2)", Mixture(-2, 0.5, 2, 0.5), Normal(0, 2) },
        { "N(-1,0.3) vs bimodal", Normal(-1, 0.3), Mixture(-3, 1, 2, 0.7) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void CEqualsMinusLog4PlusTwiceTheJensenShannonDivergence(string name, Func<double, double> pData, Func<double, double> pModel)
    {
        double c = GanValue.Optimal(pData, pModel, Wide);
        double js = Divergence.JS(pData, pModel, Wide);
        Assert.True(Math.Abs(c - (-Log4 + 2 * js)) < 1e-9, $"{name}: C(G) = {c}, −log 4 + 2 JS = {-Log4 + 2 * js}");
        Assert.True(c > GanValue.Minimum, name);
    }

    [Fact]
    public void IdenticalDistributionsGiveTheMinimumMinusLog4()
    {
        Assert.Equal(-1.386294, GanValue.Minimum, 6);
        Assert.Equal(GanValue.Minimum, GanValue.Optimal(Normal(0.5, 1.3), Normal(0.5, 1.3), Wide), 12);
        Assert.Equal(GanValue.Minimum, GanValue.Optimal(Mixture(-2, 0.5, 2, 0.5), Mixture(-2, 0.5, 2, 0.5), Wide), 12);
    }

    [Fact]
    public void DisjointSupportsGiveZeroBecauseJSIsLog2()
    {
        var grid = Grid.Linspace(-40, 40, 8001);
        Assert.Equal(0, GanValue.Optimal(Normal(-20, 1), Normal(20, 1), grid), 9);
        // with truly disjoint supports the perfect discriminator (1 on the data, 0 on the samples) reaches it
        var g = Grid.Linspace(-4, 4, 8001);
        Assert.Equal(0.0, GanValue.Optimal(Uniform(-3, -1), Uniform(1, 3), g));
        Assert.Equal(0.0, GanValue.Of(x => x < 0 ? 1 : 0, Uniform(-3, -1), Uniform(1, 3), g));
        Assert.Equal(0.0, GanValue.OfLogits(x => x < 0 ? double.PositiveInfinity : double.NegativeInfinity, Uniform(-3, -1), Uniform(1, 3), g));
    }

    [Fact]
    public void BadInputsGiveClearErrors()
    {
        var e = Assert.Throws<ArgumentException>(() => GanValue.Of(_ => 1.2, Normal(0, 1), Normal(1, 1), Wide));
        Assert.Contains("D outputs a probability in [0, 1]", e.Message);
        Assert.Contains("apply the sigmoid", e.Message);
        Assert.Contains("logit(-30) is NaN", Assert.Throws<ArgumentException>(() =>
            GanValue.OfLogits(_ => double.NaN, Normal(0, 1), Normal(1, 1), Wide)).Message);
        var lengths = Assert.Throws<ArgumentException>(() => GanValue.Optimal([1, 1], [1, 1], Wide));
        Assert.Contains("grid points has 6001 entries but pDataValues has 2", lengths.Message);
        var density = Assert.Throws<ArgumentException>(() => OptimalDiscriminator.From(x => -1, Normal(0, 1)).At(0));
        Assert.Contains("pData(0) = -1: a density must be finite and non-negative", density.Message);
        var missing = Assert.Throws<ArgumentException>(() => GanValue.Optimal(Normal(0, 1), Normal(35, 1), Wide));
        Assert.Contains("pModelValues integrates to", missing.Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double x) => 0;
    }
}
