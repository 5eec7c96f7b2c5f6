using Xunit;

namespace GanCourse.Tests.MathTests;

public class GradientPlayTests
{
    [Fact]
    public void SimultaneousUpdatesOnXYSpiralOutwardsBySqrtOnePlusLrSquaredPerStep()
    {
        const double lr = 0.1;
        var path = GradientPlay.Simultaneous(x0: 1, y0: 0.5, lr, steps: 200);
        Assert.Equal(200, path.Steps);
        Assert.Equal(201, path.X.Count);
        double r0 = path.Radius(0);
        for (int t = 1; t <= path.Steps; t++)
        {
            Assert.True(path.Radius(t) > path.Radius(t - 1), $"distance to (0, 0) should grow at step {t}");
            Assert.Equal(r0 * Math.Pow(1 + lr * lr, t / 2.0), path.Radius(t), 10);
        }
        // it circles: all four quadrants are visited (one turn takes about 2π/lr ≈ 63 steps)
        var quadrants = Enumerable.Range(0, path.X.Count).Select(t => (Math.Sign(path.X[t]), Math.Sign(path.Y[t]))).Distinct().Count();
        Assert.Equal(4, quadrants);
        Assert.Equal(path.Radii()[37], path.Radius(37));
    }

    [Fact]
    public void AlternatingUpdatesStayOnAClosedOrbit()
    {
        const double lr = 0.1;
        var path = GradientPlay.Alternating(1, 0.5, lr, 10_000);
        // x ← x − lr·y, y ← y + lr·x_new conserves x² + y² − lr·x·y exactly (up to rounding)
        double Invariant(int t) => path.X[t] * path.X[t] + path.Y[t] * path.Y[t] - lr * path.X[t] * path.Y[t];
        for (int t = 0; t <= path.Steps; t += 100) Assert.Equal(Invariant(0), Invariant(t), 10);
        Assert.True(path.Radii().Max() < 1.1 * path.Radius(0), "alternating play should stay bounded");
        Assert.True(path.Radii().Min() > 0.9 * path.Radius(0), "alternating play does not converge either");
        Assert.True(path.X.Min() < -1 && path.X.Max() > 1, "it keeps circling");
    }

    [Fact]
    public void TheGeneralVersionWithTheBilinearGradientGivesTheSamePath()
    {
        var general = GradientPlay.Simultaneous((x, y) => (y, x), 0.3, -0.7, 0.05, 50);
        var bilinear = GradientPlay.Simultaneous(0.3, -0.7, 0.05, 50);
        Assert.Equal(bilinear.X, general.X);
        Assert.Equal(bilinear.Y, general.Y);
        // by hand, first step from (0.3, −0.7): x = 0.3 − 0.05·(−0.7) = 0.335, y = −0.7 + 0.05·0.3 = −0.685
        Assert.Equal(0.335, general.X[1], 15);
        Assert.Equal(-0.685, general.Y[1], 15);
    }

    [Fact]
    public void SimultaneousPlayConvergesOnAStronglyConvexConcaveGame()
    {
        // f(x, y) = x²/2 + x·y − y²/2: the quadratic terms pull both players to (0, 0).
        var path = GradientPlay.Simultaneous((x, y) => (x + y, x - y), 2, -1, 0.1, 500);
        Assert.True(path.Radius(500) < 1e-6 * path.Radius(0), $"ended at distance {path.Radius(500)}");
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Contains("lr = 0: it must be a finite number greater than 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => GradientPlay.Simultaneous(1, 1, 0, 10)).Message);
        Assert.Contains("steps must be 0 or more", Assert.Throws<ArgumentOutOfRangeException>(() => GradientPlay.Alternating(1, 1, 0.1, -1)).Message);
        Assert.Contains("x0 = NaN", Assert.Throws<ArgumentException>(() => GradientPlay.Simultaneous(double.NaN, 1, 0.1, 10)).Message);
    }
}
