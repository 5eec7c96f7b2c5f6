using GanCourse.Tests.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Metrics;

public class ModeCoverageTests
{
    const double Radius = 2, Std = 0.02;

    static Tensor RingCenters(int k = 8) => tensor(Enumerable.Range(0, k)
        .SelectMany(i => new[] { Radius * System.Math.Cos(2 * System.Math.PI * i / k), Radius * System.Math.Sin(2 * System.Math.PI * i / k) })
        .ToArray(), [k, 2]);

    static Tensor RingSamples(int n, int seed, int? onlyMode = null)
    {
        using var g = new Generator((ulong)seed);
        var centers = RingCenters();
        var modes = onlyMode is { } m ? full(n, m, ScalarType.Int64) : randint(0, 8, [n], generator: g);
        return centers.index_select(0, modes) + randn([n, 2], ScalarType.Float64, generator: g) * Std;
    }

    [Fact]
    public void RingSamplesCoverAllEightModesAndAreHighQuality()
    {
        using var scope = NewDisposeScope();
        var coverage = ModeCoverage.OfRing(RingSamples(8000, seed: 5), RingCenters(), Std);
        Assert.Equal(8, coverage.Covered);
        Assert.Equal(8, coverage.Modes);
        // The same with the centers as (x, y) pairs.
        var pairs = Enumerable.Range(0, 8).Select(i => (Radius * System.Math.Cos(System.Math.PI * i / 4), Radius * System.Math.Sin(System.Math.PI * i / 4))).ToArray();
        Assert.Equal(coverage.HighQualityPerMode, ModeCoverage.OfRing(RingSamples(8000, seed: 5), pairs, Std).HighQualityPerMode);
        // Within 3σ of a 2-D isotropic Gaussian: 1 − exp(−9/2) = 98.89%.
        Assert.Equal(1 - System.Math.Exp(-4.5), coverage.HighQualityFraction, 2);
        Assert.Contains("8/8 modes covered", coverage.ToString());
    }

    [Fact]
    public void OneModeSamplesCoverOne()
    {
        using var scope = NewDisposeScope();
        var coverage = ModeCoverage.OfRing(RingSamples(2000, seed: 6, onlyMode: 3), RingCenters(), Std);
        Assert.Equal(1, coverage.Covered);
        Assert.Equal(0, coverage.HighQualityPerMode.Where((_, i) => i != 3).Sum());
        Assert.True(coverage.HighQualityPerMode[3] > 1950);
    }

    [Fact]
    public void UniformNoiseIsAlmostNeverHighQuality()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        var noise = rand([10000, 2], ScalarType.Float64, generator: g) * 6 - 3;
        var coverage = ModeCoverage.OfRing(noise, RingCenters(), Std);
        // Expected share: 8 discs of radius 0.06 in a 6x6 square = 0.25%.
        Assert.InRange(coverage.HighQualityFraction, 0, 0.01);
    }

    [Fact]
    public void MinSamplesAndRadiusChangeTheCountsAsDocumented()
    {
        using var scope = NewDisposeScope();
        // 3 samples at mode 0, 1 at mode 1 (exactly on the centers), 1 far away.
        var centers = RingCenters();
        var samples = cat([centers[0].unsqueeze(0).repeat(3, 1), centers[1].unsqueeze(0), tensor(new double[,] { { 0, 0 } })]);
        Assert.Equal(2, ModeCoverage.OfRing(samples, centers, Std).Covered);
        Assert.Equal(1, ModeCoverage.OfRing(samples, centers, Std, minSamples: 2).Covered);
        Assert.Equal(0.8, ModeCoverage.OfRing(samples, centers, Std).HighQualityFraction, 12);
        // A point at 2.5σ counts with radius 3 but not with radius 2.
        var near = (centers[2] + tensor(new double[] { 2.5 * Std, 0 })).unsqueeze(0);
        Assert.Equal(1, ModeCoverage.OfRing(near, centers, Std).Covered);
        Assert.Equal(0, ModeCoverage.OfRing(near, centers, Std, radius: 2).Covered);
    }

    [Fact]
    public void TheToyRingMixtureGivesTheSameCoverage()
    {
        using var scope = NewDisposeScope();
        var ring = Toy2D.Ring(8, Radius, Std);
        var samples = ring.Sample(3000, seed: 9);
        var fromMixture = ModeCoverage.OfRing(samples, ring);
        Assert.Equal(8, fromMixture.Covered);
        Assert.Equal(ModeCoverage.OfRing(samples, ring.Centers, ring.Std).HighQualityPerMode, fromMixture.HighQualityPerMode);
        Assert.Equal(fromMixture.HighQualityPerMode, ring.Coverage(samples).HighQualityPerMode);
        // One mode's samples only: 1 of 8 covered.
        var collapsed = samples.index_select(0, nonzero(cdist(samples, tensor(new float[] { 2, 0 }, [1, 2])).squeeze(1).lt(0.1)).squeeze(1));
        Assert.Equal(1, ModeCoverage.OfRing(collapsed, ring).Covered);
    }

    [Fact]
    public void RingRejectsBadInput()
    {
        using var scope = NewDisposeScope();
        var e1 = Assert.Throws<ArgumentException>(() => ModeCoverage.OfRing(zeros(10, 3), RingCenters(), Std));
        Assert.Contains("samples has shape [10, 3]; it must be [n, 2]", e1.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => ModeCoverage.OfRing(zeros(10, 2), RingCenters(), 0));
        Assert.Contains("std must be positive", e2.Message);
        // The centers are checked like the samples; radius and minSamples must be positive.
        Assert.Contains("centers has shape [8, 3]",
            Assert.Throws<ArgumentException>(() => ModeCoverage.OfRing(zeros(10, 2), zeros(8, 3), Std)).Message);
        Assert.Contains("samples has dtype Int64; points must be floating point",
            Assert.Throws<ArgumentException>(() => ModeCoverage.OfRing(zeros(10, 2, ScalarType.Int64), RingCenters(), Std)).Message);
        foreach (double radius in new[] { 0.0, -1.0 })
            Assert.Contains("radius (in standard deviations) must be positive",
                Assert.Throws<ArgumentOutOfRangeException>(() => ModeCoverage.OfRing(zeros(10, 2), RingCenters(), Std, radius)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModeCoverage.OfRing(zeros(10, 2), RingCenters(), Std, minSamples: 0));
        Assert.Throws<ArgumentNullException>(() => ModeCoverage.OfRing(zeros(10, 2), (GaussianMixture2D)null!));
    }

    [Fact]
    public void CoverageReportsSayWhatWasCounted()
    {
        Assert.Equal("7/8 modes covered, 87.5% high-quality samples", new RingCoverage([1, 1, 1, 1, 1, 1, 1, 0], 8, 3, 1).ToString());
        Assert.Equal("2/10 classes covered (share ≥ 1%), mean confidence 0.900, histogram [2, 1, 197, 0, 0, 0, 0, 0, 0, 0]",
            new ImageCoverage([2, 1, 197, 0, 0, 0, 0, 0, 0, 0], MinShare: 0.01, MeanConfidence: 0.9).ToString());
    }

    [Fact]
    public void RealLikeImagesCoverAllClassesCollapsedImagesOne()
    {
        using var scope = NewDisposeScope();
        var classifier = SyntheticDigits.CachedClassifier();
        var all = ModeCoverage.OfImages(classifier, SyntheticDigits.Make(1000, seed: 40).Images);
        Assert.Equal(10, all.Covered);
        Assert.Equal(1000, all.Total);
        Assert.True(all.MeanConfidence > 0.9, all.ToString());
        var collapsed = ModeCoverage.OfImages(classifier, SyntheticDigits.Make(300, seed: 41, onlyClass: 4).Images);
        Assert.Equal(1, collapsed.Covered);
        Assert.True(collapsed.Counts[4] >= 297, collapsed.ToString());
        Assert.Contains("1/10 classes covered", collapsed.ToString());
    }

    [Fact]
    public void ImageCoverageCountsAClassFromTheMinimumShare()
    {
        // 200 samples: 2 of class 0 (1%), 1 of class 1 (0.5%), the rest class 2.
        var coverage = new ImageCoverage([2, 1, 197, 0, 0, 0, 0, 0, 0, 0], MinShare: 0.01, MeanConfidence: 0.9);
        Assert.Equal(2, coverage.Covered);
        Assert.Equal(3, coverage with { MinShare = 0.005 } is var c ? c.Covered : -1);
        Assert.Equal(0.985, coverage.Shares[2], 12);
        using var scope = NewDisposeScope();
        var classifier = SyntheticDigits.CachedClassifier();
        foreach (double minShare in new[] { 1.5, 0.0 })
            Assert.Contains("minShare is a fraction of the samples in (0, 1]",
                Assert.Throws<ArgumentOutOfRangeException>(() => ModeCoverage.OfImages(classifier, zeros(4, 784), minShare)).Message);
        Assert.Equal(1, ModeCoverage.OfImages(classifier, SyntheticDigits.Make(20, seed: 42, onlyClass: 6).Images, minShare: 1).Covered);
        Assert.Throws<ArgumentNullException>(() => ModeCoverage.OfImages(null!, zeros(4, 784)));
    }
}
