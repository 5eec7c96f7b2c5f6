using TorchSharp;
using Xunit;
using static GanCourse.Tests.Exercises.CheckAssert;
using static TorchSharp.torch;

namespace GanCourse.Tests.Exercises;

/// <summary>
/// The exercise checks of notebooks 06-09 pass the reference solutions, report placeholders as unanswered, and fail
/// plausible wrong answers (numbers and student-written functions and blocks) without printing the expected value.
/// </summary>
public class ModelChecksTests
{
    // ---------- 06 ----------

    [Fact]
    public void Notebook06()
    {
        double smoothed = OptimalDiscriminator.Value(3.0, 1.0, realLabel: 0.9);
        Right(Checks06.Exercise1(smoothed));
        Unanswered(Checks06.Exercise1(double.NaN));
        // smoothing ignored, α in the denominator too, α alone
        WrongScalars(Checks06.Exercise1, 0.675, 0.75, 0.9 * 3 / (0.9 * 3 + 1), 0.9);

        var ring = Toy2D.Ring(modes: 8, radius: 2, std: 0.02);
        RingCoverage collapsed;
        using (var scope = NewDisposeScope())
        using (var generator = new Generator(1))
            collapsed = ring.Coverage(tensor(new float[] { 2f, 0f }) + 0.03f * randn(1_000_000, 2, generator: generator));
        double[] measured = [100 * collapsed.HighQualityFraction, collapsed.Covered];
        Right(Checks06.Exercise2(measured));
        Assert.Contains("1 mode of 8 is covered", Checks06.Exercise2(measured).Message);
        Unanswered(Checks06.Exercise2([double.NaN, double.NaN]));
        Unanswered(Checks06.Exercise2(null));
        double[] expected = [100 * (1 - Math.Exp(-2)), 1];
        // the noiseless guess 100 %, a rounded guess, the share of bad samples, all modes, the 1-D "2σ holds 95 %" rule, a fraction
        foreach (double[] wrong in new[] { new[] { 100.0, 1 }, [86.0, 1], [100 - measured[0], 1], [measured[0], 8], [95.45, 1], [measured[0] / 100, 1] })
            Wrong(Checks06.Exercise2(wrong), expected, wrong);

        int n = 100_000;
        double spread;
        using (var scope = NewDisposeScope())
        {
            var angles = Enumerable.Range(0, n).Select(k => 2 * Math.PI * k / n);
            var points = tensor(angles.SelectMany(a => new[] { (float)(2 * Math.Cos(a)), (float)(2 * Math.Sin(a)) }).ToArray()).reshape(n, 2);
            spread = 100 * ring.Coverage(points).HighQualityFraction;
        }
        Right(Checks06.Exercise3(spread));
        Assert.Contains("All 8 modes are covered", Checks06.Exercise3(spread).Message);
        double arcs = 100 * 8 * 2 * 2 * Math.Asin(0.06 / 4) / (2 * Math.PI);
        // "every mode is covered, so every sample is good", one side of each mode, a fraction instead of a percentage,
        // one mode's arc, 1σ instead of 3σ
        WrongScalars(Checks06.Exercise3, arcs, 100, spread / 2, spread / 100, spread / 8, spread / 3);
    }

    // ---------- 07 ----------

    [Fact]
    public void Notebook07()
    {
        const double slope = 0.2;
        double mean = (1 - slope) / Math.Sqrt(2 * Math.PI), secondMoment = (1 + slope * slope) / 2;
        double leakyStd = Math.Sqrt(secondMoment - mean * mean);
        Right(Checks07.Exercise1(leakyStd));
        Unanswered(Checks07.Exercise1(double.NaN));
        // the ReLU's value copied from the text, the mean forgotten, the variance, the negative half's mean added,
        // the slope not squared in E[f²]
        WrongScalars(Checks07.Exercise1, leakyStd, Math.Sqrt(0.5 - 1 / (2 * Math.PI)), Math.Sqrt(secondMoment), secondMoment - mean * mean,
            Math.Sqrt(secondMoment - Math.Pow((1 + slope) / Math.Sqrt(2 * Math.PI), 2)), Math.Sqrt((1 + slope) / 2 - mean * mean));

        using var generator = new MlpGenerator(zDim: 64);
        int[] widths = [64, 128, 256, 512, 1024];
        long linear = 1024 * 784 + 784, norm = 0;
        for (int i = 0; i < 4; i++) { linear += widths[i] * widths[i + 1] + widths[i + 1]; norm += 2 * widths[i + 1]; }
        Right(Checks07.Exercise2(linear + norm, generator));
        Unanswered(Checks07.Exercise2(double.NaN, generator));
        // batch norm forgotten, its running statistics counted as parameters, biases forgotten, not a whole number
        WrongScalars(a => Checks07.Exercise2(a, generator), linear + norm, linear, linear + 2 * norm, linear + norm - 784 - 1920, linear + norm + 0.5);
        Assert.Throws<ArgumentNullException>(() => Checks07.Exercise2(0, null!));

        Func<Tensor, double> ratio = output => -output.min().item<float>() / output.max().item<float>();
        using (var scope = NewDisposeScope())
        {
            var right = Checks07.Exercise3(nn.Sequential(nn.Linear(25, 12), nn.ReLU()), ratio);
            Right(right);
            Assert.Contains("−min/max = 0", right.Message);
            Unanswered(Checks07.Exercise3(null, ratio));
            Unanswered(Checks07.Exercise3(nn.Sequential(nn.Linear(25, 12), nn.ReLU()), null));
            Unanswered(Checks07.Exercise3(nn.Sequential(nn.Linear(25, 12), nn.ReLU()), _ => double.NaN));
            // the right block (LeakyReLU), no activation, a sigmoid, the wrong sizes, the ratio's sign or fraction upside down
            var wrongs = new[]
            {
                Checks07.Exercise3(nn.Sequential(nn.Linear(25, 12), nn.LeakyReLU(0.2)), ratio),
                Checks07.Exercise3(nn.Sequential(nn.Linear(25, 12)), ratio),
                Checks07.Exercise3(nn.Sequential(nn.Linear(25, 12), nn.Sigmoid()), ratio),
                Checks07.Exercise3(nn.Sequential(nn.Linear(25, 10), nn.ReLU()), ratio),
                Checks07.Exercise3(nn.Sequential(nn.Linear(25, 12), nn.ReLU()), o => o.min().item<float>() / o.max().item<float>()),
                Checks07.Exercise3(nn.Sequential(nn.Linear(25, 12), nn.ReLU()), o => -o.max().item<float>() / o.min().item<float>()),
                Checks07.Exercise3(nn.Sequential(nn.Linear(25, 12), nn.ReLU()), o => o.abs().max().item<float>() == 2f ? 0.25 : 1), // fits the probe only
            };
            foreach (var wrong in wrongs)
            {
                Wrong(wrong, []); // the answer, −min/max = 0, is a single digit: the message must not state it either
                Assert.DoesNotContain("= 0", wrong.Message);
            }
            Assert.Contains("negative values", wrongs[0].Message);
            Assert.Contains("[10000, 10]", wrongs[3].Message);
            Assert.Contains("ratio3 gives -0.25", wrongs[4].Message);
            Assert.Contains("smallest output is", wrongs[2].Message);
            Assert.Contains("on the block's output, whose minimum is 0", wrongs[6].Message);
        }
    }

    // ---------- 08 ----------

    [Fact]
    public void Notebook08()
    {
        double side = (7 - 1) * 3 - 2 * 2 + 5;
        Right(Checks08.Exercise1(side));
        Unanswered(Checks08.Exercise1(double.NaN));
        // n·s, the padding forgotten, the forward convolution's formula, the example's 14, "− p" once
        WrongScalars(Checks08.Exercise1, 19, 7 * 3, (7 - 1) * 3 + 5, (7 + 2 * 2 - 5) / 3 + 1, 14, (7 - 1) * 3 - 2 + 5);

        const int features = 16; // the quick profile's width
        using var dcgan = new DcganGenerator(64, features);
        double weights = 64.0 * 4 * features * 7 * 7;
        Right(Checks08.Exercise2(weights, dcgan));
        Unanswered(Checks08.Exercise2(double.NaN, dcgan));
        // with a bias, k instead of k², the factor 4 forgotten
        WrongScalars(a => Checks08.Exercise2(a, dcgan), weights, weights + 4 * features, 64.0 * 4 * features * 7, 64.0 * features * 49);
        Assert.Throws<ArgumentNullException>(() => Checks08.Exercise2(0, null!));

        Right(Checks08.Exercise3(x => (x + 1) / 2));
        Unanswered(Checks08.Exercise3(null));
        Unanswered(Checks08.Exercise3(x => x * double.NaN));
        double[] expected = [0.0, 0.25, 0.5, 1.0];
        // the identity, scale only, shift only, the wrong shift, clipping, the absolute value, a map that changes the shape
        Func<Tensor, Tensor>[] wrongs = [x => x, x => x / 2, x => x + 1, x => (x - 1) / 2, x => x.clamp(0, 1), x => x.abs(), x => x.sum()];
        foreach (var map in wrongs)
        {
            double[] produced;
            using (var scope = NewDisposeScope()) produced = map(tensor(new float[] { -1f, -0.5f, 0f, 1f })).to_type(ScalarType.Float64).data<double>().ToArray();
            Wrong(Checks08.Exercise3(map), expected, produced); // the student's own values may be echoed
        }
        Assert.StartsWith("map(−1): -0.5 is too low (4 of 4 values are wrong)", Checks08.Exercise3(x => x / 2).Message);
        Assert.Contains("shape [4]", Checks08.Exercise3(x => x.sum()).Message);
    }

    // ---------- 09 ----------

    /// <summary>The notebook's slerp (section 5), the reference solution of Exercise 3.</summary>
    static Tensor Slerp(Tensor z0, Tensor z1, double t)
    {
        double omega = Math.Acos(Math.Clamp((z0 * z1).sum().item<float>() / (z0.norm().item<float>() * z1.norm().item<float>()), -1, 1));
        return (Math.Sin((1 - t) * omega) * z0 + Math.Sin(t * omega) * z1) / Math.Sin(omega);
    }

    [Fact]
    public void Notebook09()
    {
        double frechet = Math.Pow(0 - 3, 2) + Math.Pow(1 - 2, 2);
        Right(Checks09.Exercise1(frechet));
        Unanswered(Checks09.Exercise1(double.NaN));
        // variances for standard deviations, no squares, the distance instead of its square, the mean term only
        WrongScalars(Checks09.Exercise1, 10, Math.Pow(0 - 3, 2) + Math.Pow(1 - 4, 2), 3 + 1, Math.Sqrt(frechet), 9);

        double parzen = -784 / 2.0 * Math.Log(2 * Math.PI * 0.1 * 0.1);
        Right(Checks09.Exercise2(parzen));
        Unanswered(Checks09.Exercise2(double.NaN));
        // the sign flipped, one dimension instead of 784, σ for σ², base-10 logs
        WrongScalars(Checks09.Exercise2, parzen, -parzen, parzen / 784, -784 / 2.0 * Math.Log(2 * Math.PI * 0.1), parzen / Math.Log(10));

        using var scope = NewDisposeScope();
        Right(Checks09.Exercise3(Slerp));
        Unanswered(Checks09.Exercise3(null));
        Unanswered(Checks09.Exercise3((a, b, t) => a * double.NaN));
        // a straight line, Ω fixed at 90°, the normalised straight line, the weights swapped, a 2-D answer for every input
        Func<Tensor, Tensor, double, Tensor>[] wrongs =
        [
            (a, b, t) => (1 - t) * a + t * b,
            (a, b, t) => Math.Sin((1 - t) * Math.PI / 2) * a + Math.Sin(t * Math.PI / 2) * b,
            (a, b, t) => { var l = (1 - t) * a + t * b; return l / l.norm(); },
            (a, b, t) => Slerp(a, b, 1 - t),
            (a, b, t) => Slerp(a, b, t).narrow(0, 0, 2),
        ];
        var results = wrongs.Select(Checks09.Exercise3).ToArray();
        foreach (var r in results) Wrong(r, [Math.Cos(Math.PI / 6), Math.Sin(Math.PI / 6)]);
        Assert.Contains("has length", results[0].Message);
        // Ω hard-coded to 90° is right on the orthogonal pair and must fail on a non-orthogonal one.
        Assert.Contains("for unit vectors 50° apart and t = 0.3", results[1].Message);
        Assert.Contains("a unit vector, but not at the angle t·Ω", results[2].Message);
        Assert.Contains("returns shape [2], not [3]", results[4].Message);
    }
}
