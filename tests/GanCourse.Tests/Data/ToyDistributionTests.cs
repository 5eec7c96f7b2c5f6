using TorchSharp;
using Xunit;

namespace GanCourse.Tests.Data;

public class ToyDistributionTests
{
    static readonly GaussianMixture1D Bimodal = new([0.3, 0.7], [-2.0, 3.0], [0.5, 1.5]);

    static double Trapezoid(Func<double, double> f, double a, double b, int n)
    {
        double h = (b - a) / n, sum = 0.5 * (f(a) + f(b));
        for (int i = 1; i < n; i++) sum += f(a + i * h);
        return sum * h;
    }

    [Fact]
    public void MixtureDensityIntegratesToOneAndMatchesTheClosedForm()
    {
        Assert.Equal(1.0, Trapezoid(Bimodal.Density, -20, 20, 40_000), 8);
        Assert.Equal(1 / Math.Sqrt(2 * Math.PI), GaussianMixture1D.Gaussian(0, 1).Density(0), 14);
        // p(x) = 0.3 N(x; -2, 0.25) + 0.7 N(x; 3, 2.25) at x = 1, written out by hand.
        double expected = 0.3 * Math.Exp(-0.5 * 36) / (0.5 * Math.Sqrt(2 * Math.PI)) +
                          0.7 * Math.Exp(-0.5 * 4.0 / 2.25) / (1.5 * Math.Sqrt(2 * Math.PI));
        Assert.Equal(expected, Bimodal.Density(1.0), 14);
        Assert.Equal([Bimodal.Density(-1), Bimodal.Density(2)], Bimodal.Density([-1.0, 2.0]));
    }

    [Fact]
    public void MeanAndVarianceMatchNumericalIntegration()
    {
        double mean = Trapezoid(x => x * Bimodal.Density(x), -20, 20, 40_000);
        double second = Trapezoid(x => x * x * Bimodal.Density(x), -20, 20, 40_000);
        Assert.Equal(mean, Bimodal.Mean, 8);
        Assert.Equal(second - mean * mean, Bimodal.Variance, 7);
    }

    [Fact]
    public void SampleMeanAndVarianceMatchTheMixture()
    {
        const int n = 200_000;
        double[] xs = Bimodal.Sample(n, seed: 11);
        double mean = xs.Average();
        double variance = xs.Sum(x => (x - mean) * (x - mean)) / (n - 1);
        double se = Math.Sqrt(Bimodal.Variance / n);
        Assert.InRange(mean, Bimodal.Mean - 4 * se, Bimodal.Mean + 4 * se);
        Assert.InRange(variance, Bimodal.Variance * 0.98, Bimodal.Variance * 1.02);
        // The share of samples below 0.5 matches the probability the density gives that region.
        double p = Trapezoid(Bimodal.Density, -20, 0.5, 20_000), seP = Math.Sqrt(p * (1 - p) / n);
        Assert.InRange(xs.Count(x => x < 0.5) / (double)n, p - 4 * seP, p + 4 * seP);
    }

    [Fact]
    public void SameSeedGivesTheSameSamplesAndOtherSeedsDiffer()
    {
        Assert.Equal(Bimodal.Sample(100, 3), Bimodal.Sample(100, 3));
        Assert.NotEqual(Bimodal.Sample(100, 3), Bimodal.Sample(100, 4));
        using var t = Bimodal.SampleTensor(100, 3);
        Assert.Equal([100L, 1L], t.shape);
        Assert.Equal(torch.ScalarType.Float32, t.dtype);
        Assert.Equal(Bimodal.Sample(100, 3).Select(x => (float)x), t.data<float>().ToArray());

        var ring = Toy2D.Ring();
        using var a = ring.Sample(50, 9);
        using var b = ring.Sample(50, 9);
        using var c = ring.Sample(50, 10);
        Assert.Equal([50L, 2L], a.shape);
        Assert.True(a.eq(b).all().item<bool>());
        Assert.False(a.eq(c).all().item<bool>());
        var (xs, ys) = ring.SampleXY(50, 9);
        Assert.Equal(xs[7], a[7, 0].item<float>(), 5);
        Assert.Equal(ys[7], a[7, 1].item<float>(), 5);
    }

    [Fact]
    public void WeightsAreNormalisedAndBadParametersRejected()
    {
        var m = new GaussianMixture1D([1, 3], [0, 1], [1, 1]);
        Assert.Equal([0.25, 0.75], m.Weights);
        Assert.Equal(new GaussianMixture1D([0.25, 0.75], [0, 1], [1, 1]).Density(0.3), m.Density(0.3), 15);

        Assert.Contains("Weight 1 is -1; weights must be finite and non-negative",
            Assert.Throws<ArgumentException>(() => new GaussianMixture1D([1, -1], [0, 1], [1, 1])).Message);
        Assert.Contains("The weights sum to 0",
            Assert.Throws<ArgumentException>(() => new GaussianMixture1D([0, 0], [0, 1], [1, 1])).Message);
        Assert.Contains("Std 0 is 0; standard deviations must be finite and > 0",
            Assert.Throws<ArgumentException>(() => new GaussianMixture1D([1], [0], [0])).Message);
        Assert.Contains("Expected 2 stds (one per mean), got 1",
            Assert.Throws<ArgumentException>(() => new GaussianMixture1D([1, 1], [0, 1], [1])).Message);
        Assert.Contains("Expected 2 weights (one per component), got 3",
            Assert.Throws<ArgumentException>(() => new GaussianMixture1D([1, 1, 1], [0, 1], [1, 1])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianMixture2D([(0, 0)], std: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Toy2D.Ring(modes: 0));
    }

    [Fact]
    public void LogDensityIsAccurateWhereTheDensityUnderflows()
    {
        Assert.Equal(Math.Log(Bimodal.Density(0.7)), Bimodal.LogDensity(0.7), 12);
        // Far out only the widest component matters: log(0.7) - z^2/2 - log(1.5 sqrt(2 pi)), z = (1000-3)/1.5.
        double z = 997 / 1.5;
        Assert.Equal(0, Bimodal.Density(1000));
        Assert.Equal(Math.Log(0.7) - 0.5 * z * z - Math.Log(1.5 * Math.Sqrt(2 * Math.PI)), Bimodal.LogDensity(1000), 6);
        var ring = Toy2D.Ring();
        Assert.Equal(Math.Log(ring.Density(2, 0.01)), ring.LogDensity(2, 0.01), 10);
        Assert.True(double.IsFinite(ring.LogDensity(0, 0)));
    }

    [Fact]
    public void RingCentersLieOnTheCircleEvery45Degrees()
    {
        var ring = Toy2D.Ring();
        Assert.Equal(8, ring.Modes);
        Assert.Equal(0.02, ring.Std);
        for (int k = 0; k < 8; k++)
        {
            var (x, y) = ring.Centers[k];
            Assert.Equal(2.0, Math.Sqrt(x * x + y * y), 12);
            Assert.Equal(k * 45.0, (Math.Atan2(y, x) * 180 / Math.PI + 360) % 360, 9);
        }
        Assert.All(ring.Weights, w => Assert.Equal(0.125, w, 15));
    }

    [Fact]
    public void GridCentersAreTheFiveByFiveLattice()
    {
        var grid = Toy2D.Grid();
        Assert.Equal(25, grid.Modes);
        double[] axis = [-4, -2, 0, 2, 4];
        var expected = (from x in axis from y in axis select (x, y)).ToHashSet();
        Assert.True(expected.SetEquals(grid.Centers));
    }

    [Fact]
    public void TwoDimensionalDensityIntegratesToOne()
    {
        var ring = Toy2D.Ring(std: 0.25);
        const int n = 400;
        double lo = -4, h = 8.0 / n, total = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                total += ring.Density(lo + (i + 0.5) * h, lo + (j + 0.5) * h);
        Assert.Equal(1.0, total * h * h, 5);
        // DensityGrid lays rows along y, as a heatmap expects.
        var z = ring.DensityGrid([2.0, 0.0], [0.0, 2.0, 1.0]);
        Assert.Equal(3, z.Length);
        Assert.Equal(ring.Density(2.0, 0.0), z[0][0]);
        Assert.Equal(ring.Density(0.0, 2.0), z[1][1]);
    }

    [Fact]
    public void RingSamplesCoverEveryModeWithTheRayleighShareWithinThreeSigma()
    {
        var ring = Toy2D.Ring();
        using var samples = ring.Sample(40_000, 1);
        var coverage = ring.Coverage(samples);
        Assert.Equal(8, coverage.Covered);
        // Within 3 std of its center in 2-D: P(R <= 3 sigma) = 1 - exp(-9/2) = 0.98889 (Rayleigh distribution).
        double expected = 1 - Math.Exp(-4.5), se = Math.Sqrt(expected * (1 - expected) / 40_000);
        Assert.InRange(coverage.HighQualityFraction, expected - 4 * se, expected + 4 * se);
        Assert.All(coverage.HighQualityPerMode, c => Assert.InRange(c, 4_700, 5_200));
    }

    [Fact]
    public void CollapsedSamplesCoverOneModeAndFarPointsNone()
    {
        var ring = Toy2D.Ring();
        using var collapsed = torch.tensor(new float[] { 2, 0, 2.01f, 0, 1.99f, 0.01f, 0, 0 }, [4, 2]);
        Assert.Equal([0, 0, 0, -1], ring.AssignModes(collapsed));
        var coverage = ring.Coverage(collapsed);
        Assert.Equal(1, coverage.Covered);
        Assert.Equal(0.75, coverage.HighQualityFraction, 12);
        Assert.Equal("1/8 modes covered, 75.0% high-quality samples", coverage.ToString());
        using var wrongShape = torch.zeros(3, 3);
        Assert.Contains("Expected points of shape [n,2], got [3,3]",
            Assert.Throws<ArgumentException>(() => ring.AssignModes(wrongShape)).Message);
    }
}
