using Xunit;
using static GanCourse.Tests.MathTests.TestDensities;

namespace GanCourse.Tests.MathTests;

public class GridTests
{
    [Fact]
    public void LinspaceIncludesBothEndsWithEvenSpacing()
    {
        var grid = Grid.Linspace(-2, 3, 11);
        Assert.Equal(11, grid.Count);
        Assert.Equal(0.5, grid.Dx, 15);
        Assert.Equal(-2, grid.Points[0]);
        Assert.Equal(3, grid.Points[^1]);
        Assert.Equal(0.5, grid.Points[5], 15);
        Assert.Equal(grid.Points, grid.ToTensor().data<double>().ToArray());
    }

    [Fact]
    public void TrapezoidRuleIntegratesDensitiesAndMoments()
    {
        var grid = Grid.Linspace(-12, 12, 2401);
        Assert.Equal(1, grid.Integrate(Normal(0.3, 1.2)), 12);
        Assert.Equal(1.44, grid.Integrate(x => (x - 0.3) * (x - 0.3) * Normal(0.3, 1.2)(x)), 12); // variance
        // exact for a straight line: ∫_0^1 (2x + 1) dx = 2
        Assert.Equal(2, Grid.Linspace(0, 1, 3).Integrate([1, 2, 3]), 15);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Contains("end = 1 must be greater than start = 1", Assert.Throws<ArgumentException>(() => Grid.Linspace(1, 1, 10)).Message);
        Assert.Contains("at least 2 points", Assert.Throws<ArgumentOutOfRangeException>(() => Grid.Linspace(0, 1, 1)).Message);
        Assert.Contains("start = NaN", Assert.Throws<ArgumentException>(() => Grid.Linspace(double.NaN, 1, 10)).Message);
        Assert.Contains("grid points has 3 entries but values has 2",
            Assert.Throws<ArgumentException>(() => Grid.Linspace(0, 1, 3).Integrate([1, 2])).Message);
    }
}
