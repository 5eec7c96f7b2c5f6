using Xunit;

namespace GanCourse.Tests.MathTests;

public class SeedStatisticsTests
{
    [Fact]
    public void SummarisesSeedsWithTheSampleStandardDeviation()
    {
        var s = SeedStatistics.Of([1.0, 2.0, 6.0]);
        Assert.Equal(3, s.Mean, 12);
        Assert.Equal(Math.Sqrt(7), s.StandardDeviation, 12);   // ((−2)² + (−1)² + 3²) / (3 − 1) = 7
        Assert.Equal((1.0, 6.0, 3), (s.Min, s.Max, s.Count));
        Assert.Equal("3.0 ± 2.6", s.ToString("0.0"));
        Assert.Equal("3 ± 2.65", s.ToString());
        Assert.Equal(0, SeedStatistics.Of([4.5]).StandardDeviation);
    }

    [Fact]
    public void RejectsNoValuesAndNonFiniteValues()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => SeedStatistics.Of([])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => SeedStatistics.Of([1.0, double.NaN])).Message);
    }
}
