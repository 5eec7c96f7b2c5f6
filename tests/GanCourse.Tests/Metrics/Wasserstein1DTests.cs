using Xunit;

namespace GanCourse.Tests.Metrics;

public class Wasserstein1DTests
{
    [Fact]
    public void AShiftedCopyIsAsFarAsTheShiftInAnyOrder()
    {
        double[] a = [3, -1, 2, 0.5, 7];
        var shifted = a.Select(x => x + 1.5).Reverse().ToArray();
        Assert.Equal(1.5, Wasserstein1D.Between(a, shifted), 12);
        Assert.Equal(0, Wasserstein1D.Between(a, a.Reverse().ToArray()), 12);
    }

    [Fact]
    public void ItMatchesTheSortedPairsByHand()
    {
        // sorted: (0, 1), (1, 1), (4, 2): |0−1| + |1−1| + |4−2| = 3, over 3 pairs
        Assert.Equal(1.0, Wasserstein1D.Between([4, 0, 1], [1, 2, 1]), 12);
    }

    [Fact]
    public void SamplesOfTheSameGaussianAreNearTheirFloorAndAShiftedOneIsNot()
    {
        var p = GaussianMixture1D.Gaussian(4, 0.5);
        double floor = Wasserstein1D.Between(p.Sample(4_000, 1), p.Sample(4_000, 2));
        Assert.InRange(floor, 0, 0.03);
        double shifted = Wasserstein1D.Between(p.Sample(4_000, 1), GaussianMixture1D.Gaussian(5, 0.5).Sample(4_000, 2));
        Assert.InRange(shifted, 0.95, 1.05);
    }

    [Fact]
    public void BadInputsSayWhatIsWrong()
    {
        Assert.Contains("same outcomes", Assert.Throws<ArgumentException>(() => Wasserstein1D.Between([1, 2], [1, 2, 3])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => Wasserstein1D.Between([1, double.NaN], [1, 2])).Message);
        Assert.Throws<ArgumentNullException>(() => Wasserstein1D.Between(null!, [1.0]));
    }
}
