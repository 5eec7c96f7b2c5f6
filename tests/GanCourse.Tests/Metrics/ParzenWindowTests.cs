using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Metrics;

public class ParzenWindowTests
{
    /// <summary>log((1/m) Σᵢ Πⱼ N(xⱼ; μᵢⱼ, σ²)) by a plain double loop over centers and dimensions.</summary>
    static double BruteForce(double[,] centers, double[] x, double sigma)
    {
        int m = centers.GetLength(0), d = centers.GetLength(1);
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            double product = 1;
            for (int j = 0; j < d; j++)
            {
                double z = (x[j] - centers[i, j]) / sigma;
                product *= System.Math.Exp(-0.5 * z * z) / (sigma * System.Math.Sqrt(2 * System.Math.PI));
            }
            sum += product;
        }
        return System.Math.Log(sum / m);
    }

    static double[,] RandomMatrix(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var result = new double[rows, cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) result[i, j] = random.NextDouble();
        return result;
    }

    static double[] Row(double[,] m, int i) => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray();

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void LogLikelihoodMatchesABruteForceDoubleLoop(double sigma)
    {
        using var scope = NewDisposeScope();
        var centers = RandomMatrix(7, 3, seed: 1);
        var points = RandomMatrix(5, 3, seed: 2);
        var ll = ParzenWindow.LogLikelihood(tensor(centers), tensor(points), sigma, batchSize: 2).data<double>().ToArray();
        for (int i = 0; i < 5; i++)
            Assert.Equal(BruteForce(centers, Row(points, i), sigma), ll[i], 10);
    }

    [Fact]
    public void EvaluateFollowsTheProtocol()
    {
        // σ is the validation argmax over the grid; the report is the test mean ± std/√N at that σ.
        using var scope = NewDisposeScope();
        var generated = RandomMatrix(20, 4, seed: 3);
        var validation = RandomMatrix(9, 4, seed: 4);
        var test = RandomMatrix(11, 4, seed: 5);
        var report = ParzenWindow.Evaluate(tensor(generated), tensor(validation), tensor(test), batchSize: 4);

        var validationMeans = ParzenWindow.DefaultSigmas
            .Select(s => Enumerable.Range(0, 9).Average(i => BruteForce(generated, Row(validation, i), s))).ToArray();
        double bestSigma = ParzenWindow.DefaultSigmas[Array.IndexOf(validationMeans, validationMeans.Max())];
        Assert.Equal(bestSigma, report.Sigma);
        Assert.Equal(validationMeans, report.Search.Select(s => s.ValidationLogLikelihood).ToArray(), new Tolerance(1e-9));

        var testLl = Enumerable.Range(0, 11).Select(i => BruteForce(generated, Row(test, i), bestSigma)).ToArray();
        double mean = testLl.Average();
        double std = System.Math.Sqrt(testLl.Sum(v => (v - mean) * (v - mean)) / (testLl.Length - 1));
        Assert.Equal(mean, report.Mean, 9);
        Assert.Equal(std / System.Math.Sqrt(11), report.StandardError, 9);
        Assert.Equal(11, report.TestPoints);
        Assert.Equal(20, report.KernelCenters);
        Assert.Contains("nats", report.ToString());
    }

    [Fact]
    public void SigmaGridIsLogspaceFromATenthToOne()
    {
        var grid = ParzenWindow.DefaultSigmas;
        Assert.Equal(10, grid.Count);
        Assert.Equal(0.1, grid[0], 12);
        Assert.Equal(1.0, grid[^1], 12);
        for (int i = 1; i < grid.Count; i++) Assert.Equal(System.Math.Pow(10, 1.0 / 9), grid[i] / grid[i - 1], 12);
    }

    [Fact]
    public void HighDimensionalImagesStayFiniteAndBatchSizeDoesNotMatter()
    {
        // 784-D pixels at σ = 0.1: the kernels' exponents reach −10⁴, where a naive exp underflows to log 0.
        using var scope = NewDisposeScope();
        using var g = new Generator(8);
        var generated = rand([50, 1, 28, 28], generator: g);
        var test = rand([30, 784], generator: g);
        var a = ParzenWindow.LogLikelihood(generated, test, 0.1, batchSize: 7);
        var b = ParzenWindow.LogLikelihood(generated, test, 0.1, batchSize: 1000);
        Assert.True(a.isfinite().all().item<bool>());
        Assert.True(a.allclose(b, rtol: 1e-12, atol: 1e-9));
        // Far from every kernel, the log-likelihood is dominated by the nearest one: −d²/(2σ²) − log m − d·log(σ√2π).
        var nearest = cdist(test.to_type(ScalarType.Float64), generated.reshape(50, 784).to_type(ScalarType.Float64)).min(1).values;
        var bound = -nearest.square() / (2 * 0.01) - System.Math.Log(50) - 784 * System.Math.Log(0.1 * System.Math.Sqrt(2 * System.Math.PI));
        Assert.True((a - bound).ge(-1e-6).all().item<bool>());             // the sum has at least the nearest term
        Assert.True((a - bound).le(System.Math.Log(50) + 1e-6).all().item<bool>()); // and at most m of them
    }

    [Fact]
    public void RejectsMismatchedDimensionsAndBadSigmas()
    {
        using var scope = NewDisposeScope();
        var e1 = Assert.Throws<ArgumentException>(() => ParzenWindow.LogLikelihood(zeros(5, 784), zeros(3, 100), 0.2));
        Assert.Contains("have 100 dimensions but the generated samples have 784", e1.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => ParzenWindow.LogLikelihood(zeros(5, 4), zeros(3, 4), 0));
        Assert.Contains("sigma", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => ParzenWindow.Evaluate(zeros(5, 4), zeros(3, 4), zeros(3, 4), sigmas: [0.1, -1]));
        Assert.Contains("positive", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => ParzenWindow.LogLikelihood(zeros(5, 4), zeros(0, 4), 0.2));
        Assert.Contains("n >= 1", e4.Message);
        // A zero width is not positive; the messages name the set, its shape or dtype, and the limits.
        Assert.Throws<ArgumentException>(() => ParzenWindow.Evaluate(zeros(5, 4), zeros(3, 4), zeros(3, 4), sigmas: [0.1, 0]));
        Assert.Contains("sigma (the kernel width) must be positive and finite", e2.Message);
        Assert.Contains("The points have shape [0, 4]", e4.Message);
        Assert.Contains("The generated samples (kernel centers) have shape [5]",
            Assert.Throws<ArgumentException>(() => ParzenWindow.LogLikelihood(zeros(5), zeros(3, 4), 0.2)).Message);
        Assert.Contains("The points have dtype Int32; pass floating-point values",
            Assert.Throws<ArgumentException>(() => ParzenWindow.LogLikelihood(zeros(5, 4), zeros(3, 4, ScalarType.Int32), 0.2)).Message);
        // A batch size of 0 would never advance through the points.
        Assert.Contains("batchSize must be at least 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => ParzenWindow.LogLikelihood(zeros(5, 4), zeros(3, 4), 0.2, batchSize: 0)).Message);
    }

    [Fact]
    public void TheReportSaysWhatWasMeasured()
    {
        var report = new ParzenReport(225.04, 1.96, 0.2, [(0.2, 200.0)], TestPoints: 10000, KernelCenters: 10000);
        Assert.Equal("Parzen log-likelihood 225.0 ± 2.0 nats (σ = 0.2 chosen on validation; 10000 test points, 10000 generated samples)",
            report.ToString());
    }

    sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => System.Math.Abs(x - y) <= epsilon;
        public int GetHashCode(double value) => 0;
    }
}
