using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.MathTests;

public class KernelDensityTests
{
    static double NormalPdf(double x, double mu, double s) => System.Math.Exp(-0.5 * (x - mu) * (x - mu) / (s * s)) / (s * System.Math.Sqrt(2 * System.Math.PI));

    [Fact]
    public void OneSampleGivesAGaussianOfTheBandwidth()
    {
        var xs = new[] { -1.0, 0.3, 0.5, 2.0 };
        var p = KernelDensity.Estimate([0.5], xs, bandwidth: 0.4);
        for (int i = 0; i < xs.Length; i++) Assert.Equal(NormalPdf(xs[i], 0.5, 0.4), p[i], 12);
    }

    [Fact]
    public void TwoSamplesAverageTheirKernels()
    {
        var p = KernelDensity.Estimate([-1.0, 2.0], [0.0], bandwidth: 1.0);
        Assert.Equal(0.5 * (NormalPdf(0, -1, 1) + NormalPdf(0, 2, 1)), p[0], 12);
    }

    [Fact]
    public void TheEstimateIntegratesToOneAndTracksTheTrueDensity()
    {
        var mixture = GaussianMixture1D.Gaussian(1.0, 0.5);
        var samples = mixture.Sample(20_000, seed: 3);
        var grid = Grid.Linspace(-3, 5, 801);
        var p = KernelDensity.Estimate(samples, grid.Points);
        Assert.Equal(1.0, grid.Integrate(p), 3);
        double worst = grid.Points.Select((x, i) => System.Math.Abs(p[i] - mixture.Density(x))).Max();
        Assert.True(worst < 0.05, $"largest error {worst}"); // peak density is 0.80
    }

    [Fact]
    public void SilvermanBandwidthMatchesTheFormula()
    {
        double[] s = [1, 2, 3, 4, 10];
        // sd = sqrt(((−3)² + (−2)² + (−1)² + 0² + 6²)/4) = sqrt(12.5); IQR (linear) = 4 − 2 = 2 → 2/1.34 is smaller.
        double expected = 0.9 * System.Math.Min(System.Math.Sqrt(12.5), 2 / 1.34) * System.Math.Pow(5, -0.2);
        Assert.Equal(expected, KernelDensity.SilvermanBandwidth(s), 12);
    }

    [Fact]
    public void TensorSamplesGiveTheSameEstimate()
    {
        double[] values = [0.1, -0.4, 1.3, 0.8];
        using var t = tensor(values.Select(v => (float)v).ToArray(), [4L, 1L]);
        var xs = new[] { -1.0, 0.0, 1.0 };
        var fromTensor = KernelDensity.Estimate(t, xs, 0.3);
        var fromArray = KernelDensity.Estimate(values.Select(v => (double)(float)v).ToArray(), xs, 0.3);
        for (int i = 0; i < xs.Length; i++) Assert.Equal(fromArray[i], fromTensor[i], 12);
    }

    [Fact]
    public void BadInputIsExplained()
    {
        Assert.Contains("must be finite", Assert.Throws<ArgumentException>(() => KernelDensity.Estimate([0.0, double.NaN], [0.0])).Message);
        Assert.Contains("pass a bandwidth", Assert.Throws<ArgumentOutOfRangeException>(() => KernelDensity.Estimate([2.0, 2.0, 2.0], [0.0])).Message);
        Assert.Contains("positive finite", Assert.Throws<ArgumentOutOfRangeException>(() => KernelDensity.Estimate([2.0], [0.0], -1)).Message);
        using var wrong = zeros(3, 2);
        Assert.Contains("[n] or [n, 1]", Assert.Throws<ArgumentException>(() => KernelDensity.Estimate(wrong, [0.0])).Message);
    }
}
