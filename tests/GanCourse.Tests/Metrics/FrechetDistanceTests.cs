using GanCourse.Tests.Models;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Metrics;

public class FrechetDistanceTests
{
    [Fact]
    public void IdenticalSetsAreAtDistanceZero()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var a = randn([500, 16], generator: g) * 3 + 2;
        Assert.Equal(0, FrechetDistance.Compute(a, a), 6);
        Assert.Equal(0, FrechetDistance.Compute(a, a.flip(0)), 6); // order does not matter
    }

    [Fact]
    public void ShiftedStandardGaussiansAreAtSquaredShift()
    {
        // N(0, I) vs N(μ, I): the covariance terms cancel and the distance is |μ|².
        using var scope = NewDisposeScope();
        using var g = new Generator(2);
        var mu = tensor(new float[] { 1, -2, 0.5f, 0 });
        var a = randn([40000, 4], generator: g);
        var b = randn([40000, 4], generator: g) + mu;
        double expected = mu.square().sum().item<float>(); // 5.25
        Assert.Equal(expected, FrechetDistance.Compute(a, b), tolerance: 0.1); // sampling noise ~0.02
        // Same Gaussians, independent samples: close to 0 (the finite-sample bias is small for n >> d).
        Assert.InRange(FrechetDistance.Compute(a, randn([40000, 4], generator: g)), 0, 0.01);
    }

    [Fact]
    public void ClosedFormMatchesTheTwoByTwoTraceIdentity()
    {
        // For 2x2 PSD matrices, tr √M = √(tr M + 2√det M); with M = Σ₁^½ Σ₂ Σ₁^½:
        // tr M = tr(Σ₁Σ₂) and det M = det Σ₁ · det Σ₂. The two covariances do not commute.
        using var scope = NewDisposeScope();
        var s1 = tensor(new double[,] { { 2.0, 0.6 }, { 0.6, 1.0 } });
        var s2 = tensor(new double[,] { { 0.5, -0.3 }, { -0.3, 3.0 } });
        var m1 = tensor(new double[] { 1, 2 });
        var m2 = tensor(new double[] { -1, 0.5 });
        double trM = s1.mm(s2).trace().item<double>();
        double detM = linalg.det(s1).item<double>() * linalg.det(s2).item<double>();
        double traceSqrt = System.Math.Sqrt(trM + 2 * System.Math.Sqrt(detM));
        double expected = (4 + 2.25) + (3.0 + 3.5) - 2 * traceSqrt;
        Assert.Equal(expected, FrechetDistance.BetweenGaussians(m1, s1, m2, s2), 10);
        // Symmetric in its arguments.
        Assert.Equal(expected, FrechetDistance.BetweenGaussians(m2, s2, m1, s1), 10);
        // Diagonal covariances: Σ (√a − √b)².
        var diagonal = FrechetDistance.BetweenGaussians(zeros(3, dtype: ScalarType.Float64), diag(tensor(new double[] { 1, 4, 9 })),
            zeros(3, dtype: ScalarType.Float64), diag(tensor(new double[] { 4, 4, 1 })));
        Assert.Equal(1 + 0 + 4, diagonal, 10);
    }

    [Fact]
    public void ComputeUsesSampleMeansAndUnbiasedCovariances()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(3);
        var a = randn([50, 3], ScalarType.Float64, generator: g);
        var b = randn([80, 3], ScalarType.Float64, generator: g) * 2 + 1;
        static (Tensor, Tensor) Moments(Tensor x)
        {
            // Independent double loop: mean and (n - 1)-normalised covariance.
            var v = x.data<double>().ToArray();
            int n = (int)x.shape[0], d = (int)x.shape[1];
            var mean = new double[d];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) mean[j] += v[i * d + j] / n;
            var cov = new double[d, d];
            for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            for (int k = 0; k < d; k++)
                cov[j, k] += (v[i * d + j] - mean[j]) * (v[i * d + k] - mean[k]) / (n - 1);
            return (tensor(mean), tensor(cov));
        }
        var (ma, ca) = Moments(a);
        var (mb, cb) = Moments(b);
        Assert.Equal(FrechetDistance.BetweenGaussians(ma, ca, mb, cb), FrechetDistance.Compute(a, b), 9);
    }

    [Fact]
    public void RejectsMismatchedOrDegenerateFeatures()
    {
        using var scope = NewDisposeScope();
        var e1 = Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(ones(10, 4), ones(10, 5)));
        Assert.Contains("different widths (4 and 5)", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(ones(1, 4), ones(10, 4)));
        Assert.Contains("n >= 2", e2.Message);
        var bad = ones(10, 4);
        bad[3, 1] = tensor(float.NaN);
        var e3 = Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(bad, ones(10, 4)));
        Assert.Contains("NaN", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() =>
            FrechetDistance.BetweenGaussians(zeros(2), eye(3), zeros(2), eye(2)));
        Assert.Contains("covariance1 has shape [3, 3]; expected [2, 2]", e4.Message);
        // Both feature sets are checked, and each message names the set and its shape or dtype.
        Assert.Contains("featuresA has shape [1, 4]", e2.Message);
        Assert.Contains("featuresB contains NaN", Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(ones(10, 4), bad)).Message);
        Assert.Contains("featuresA has dtype Int64; features must be floating point",
            Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(ones(10, 4, ScalarType.Int64), ones(10, 4))).Message);
        Assert.Contains("mean1 has shape [2, 2]; a mean is a vector [d]",
            Assert.Throws<ArgumentException>(() => FrechetDistance.BetweenGaussians(eye(2), eye(2), zeros(2), eye(2))).Message);
    }

    [Fact]
    public void InFeatureSpaceSeparatesRealFromCollapsedAndReportsTheFloor()
    {
        using var scope = NewDisposeScope();
        var classifier = SyntheticDigits.CachedClassifier();
        var real = SyntheticDigits.Make(1200, seed: 30).Images;
        var sameDistribution = SyntheticDigits.Make(500, seed: 31).Images;
        var collapsed = SyntheticDigits.Make(500, seed: 32, onlyClass: 7).Images;
        var good = FrechetDistance.InFeatureSpace(classifier, real, sameDistribution);
        var bad = FrechetDistance.InFeatureSpace(classifier, real, collapsed);
        Assert.Equal(500, good.SamplesPerSet);
        Assert.Equal(good.Floor, bad.Floor); // same real split (same seed)
        Assert.True(good.Value < 2 * good.Floor, good.ToString());
        Assert.True(bad.Value > 10 * bad.Floor, bad.ToString());
        Assert.Contains("real-vs-real floor", good.ToString());
        // With few real images the sets shrink to half the real set.
        Assert.Equal(100, FrechetDistance.InFeatureSpace(classifier, real.narrow(0, 0, 200), collapsed).SamplesPerSet);
        var e = Assert.Throws<ArgumentException>(() => FrechetDistance.InFeatureSpace(classifier, real.narrow(0, 0, 3), collapsed));
        Assert.Contains("two disjoint real subsets", e.Message);
        Assert.Contains("Need at least 2 generated and 4 real images (got 500 and 3)", e.Message);
        Assert.Throws<ArgumentNullException>(() => FrechetDistance.InFeatureSpace(null!, real, collapsed));
    }

    [Fact]
    public void TheFloorComparesTwoDisjointRealSubsetsAndTheValueReusesOneOfThem()
    {
        // Data-free: five random "images", an untrained classifier, two generated images, so n = 2. The floor must be the
        // distance between two disjoint pairs of real images, and the value the distance from one of those pairs to the
        // generated pair. Pairs that share an image give distances far from every disjoint one, so an overlap shows.
        using var scope = NewDisposeScope();
        manual_seed(21);
        using var classifier = new MnistClassifier();
        var real = rand(5, 1, 28, 28);
        var generated = rand(2, 1, 28, 28);
        var report = FrechetDistance.InFeatureSpace(classifier, real, generated, seed: 3);
        Assert.Equal(2, report.SamplesPerSet);

        var features = classifier.ExtractFeatures(real);
        var fake = classifier.ExtractFeatures(generated);
        Tensor Rows(params long[] rows) => features.index_select(0, tensor(rows));
        var pairs = (from a in Enumerable.Range(0, 5) from b in Enumerable.Range(a + 1, 4 - a) select new long[] { a, b }).ToList();
        bool Close(double x, double y) => Math.Abs(x - y) <= 1e-4 * Math.Max(1, Math.Abs(y));

        var disjoint = (from p in pairs from q in pairs where !p.Intersect(q).Any() select (A: p, B: q)).ToList();
        var overlapping = (from p in pairs from q in pairs where p.Intersect(q).Count() == 1 select (A: p, B: q)).ToList();
        var matches = disjoint.Where(s => Close(report.Floor, FrechetDistance.Compute(Rows(s.A), Rows(s.B)))
                                          && Close(report.Value, FrechetDistance.Compute(Rows(s.A), fake))).ToList();
        Assert.True(matches.Count > 0, $"{report}: no split into two disjoint real pairs gives this floor and value");
        Assert.All(overlapping, s => Assert.False(Close(report.Floor, FrechetDistance.Compute(Rows(s.A), Rows(s.B))),
            $"an overlapping split [{string.Join(",", s.A)}] / [{string.Join(",", s.B)}] gives the floor too: the test could not see an overlap"));
    }
}
