using Xunit;
using static GanCourse.Tests.MathTests.TestDensities;

namespace GanCourse.Tests.MathTests;

public class HistogramTests
{
    [Fact]
    public void CountsFallInTheRightBinsAndEdgesAreHandled()
    {
        // Bins of width 0.5 over [0, 2): [0, .5) [.5, 1) [1, 1.5) [1.5, 2]; -0.1, 2.5 and NaN are outside.
        var h = Histogram.Of([0, 0.49, 0.5, 1.2, 1.99, 2.0, -0.1, 2.5, double.NaN], 0, 2, 4);
        Assert.Equal(new[] { 2, 1, 1, 2 }, h.Counts);
        Assert.Equal(9, h.Total);
        Assert.Equal(3, h.Outside);
        Assert.Equal(0.5, h.BinWidth);
        Assert.Equal(new[] { 0.25, 0.75, 1.25, 1.75 }, h.Centers);
        Assert.Equal(2 / (9 * 0.5), h.Densities[0], 15);
    }

    [Fact]
    public void AreaIsTheFractionOfSamplesInsideTheRange()
    {
        var xs = SampleNormal(new Random(3), 10_000, 0, 1);
        var all = Histogram.Of(xs, -10, 10, 80);
        Assert.Equal(0, all.Outside);
        Assert.Equal(1, all.Densities.Sum() * all.BinWidth, 12);

        var half = Histogram.Of(xs, 0, 10, 40);
        double inside = xs.Count(x => x >= 0) / (double)xs.Length;
        Assert.Equal(inside, half.Densities.Sum() * half.BinWidth, 12);
    }

    [Fact]
    public void GapToTheTrueDensityShrinksWithMoreSamplesAndIsLargeForTheWrongDensity()
    {
        var density = Normal(1, 0.5);
        double small = Histogram.Of(SampleNormal(new Random(1), 2_000, 1, 0.5), -2, 4, 60).MaxGapTo(density);
        double large = Histogram.Of(SampleNormal(new Random(1), 200_000, 1, 0.5), -2, 4, 60).MaxGapTo(density);
        Assert.True(large < small / 3, $"gap with 200k samples {large} should be far below the gap with 2k samples {small}");
        Assert.True(large < 0.03, $"gap with 200k samples is {large}");
        // Against the wrong density (shifted by one std) the gap is of the order of the peak height (0.8).
        Assert.True(Histogram.Of(SampleNormal(new Random(1), 200_000, 1, 0.5), -2, 4, 60).MaxGapTo(Normal(1.5, 0.5)) > 0.3);
    }

    [Fact]
    public void FloatSamplesGiveTheSameHistogram()
    {
        double[] xs = [0.1, 0.7, 0.7, 1.9];
        Assert.Equal(Histogram.Of(xs, 0, 2, 4).Counts, Histogram.Of(xs.Select(v => (float)v).ToArray(), 0, 2, 4).Counts);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Contains("end = 0 must be greater than start = 1",
            Assert.Throws<ArgumentException>(() => Histogram.Of([1.0], 1, 0, 4)).Message);
        Assert.Contains("at least 1 bin", Assert.Throws<ArgumentOutOfRangeException>(() => Histogram.Of([1.0], 0, 2, 0)).Message);
        Assert.Contains("samples is empty", Assert.Throws<ArgumentException>(() => Histogram.Of(Array.Empty<double>(), 0, 2, 4)).Message);
        Assert.Contains("start = Infinity", Assert.Throws<ArgumentException>(() => Histogram.Of([1.0], double.PositiveInfinity, 2, 4)).Message);
    }
}
