using static TorchSharp.torch;

namespace GanCourse;

/// <summary>The exercise checks of notebook 09 (evaluating GANs, and beyond).</summary>
/// <remarks>Introduced in notebook 09.</remarks>
public static class Checks09
{
    /// <summary>Exercise 1: the Frechet distance d² between N(0, 1²) and N(3, 2²), checked with the library's matrix formula.</summary>
    public static CheckResult Exercise1(double answer)
    {
        double expected;
        using (var scope = NewDisposeScope())
            expected = FrechetDistance.BetweenGaussians(tensor(new[] { 0.0 }), tensor(new[,] { { 1.0 } }), tensor(new[] { 3.0 }), tensor(new[,] { { 4.0 } }));
        return Exercise.Compare("Exercise 1", answer, expected, Tolerance.Absolute(1e-6),
            "d² is already squared: (μ1 − μ2)² plus the 1-D trace term σ1² + σ2² − 2σ1σ2, with standard deviations, not variances.");
    }

    /// <summary>
    /// Exercise 2: log p̂(g) of a single Parzen kernel (σ = 0.1) at its own centre in 784 dimensions, checked with
    /// <see cref="ParzenWindow.LogLikelihood"/> on a seeded random image (float64; relative tolerance 10⁻⁹).
    /// </summary>
    public static CheckResult Exercise2(double answer)
    {
        double expected;
        using (var scope = NewDisposeScope())
        using (var generator = new Generator(3))
        {
            var g = rand(1, 784, generator: generator);
            expected = ParzenWindow.LogLikelihood(g, g, sigma: 0.1)[0].item<double>();
        }
        return Exercise.Compare("Exercise 2", answer, expected, Tolerance.Relative(1e-9),
            "at the centre the exponent is 0; what is left is the Gaussian's normalising constant, −(d/2)·log(2πσ²), over all d = 784 dimensions.");
    }

    /// <summary>
    /// Exercise 3: <paramref name="slerp"/>(a, b, t) must follow the great circle from unit vector a to unit vector b,
    /// landing at the angle t·Ω from a (Ω the angle between them). Checked on an orthogonal pair in 2-D and on two
    /// non-orthogonal pairs in 3-D (50° and 140° apart), so a formula with Ω fixed at 90° fails.
    /// </summary>
    public static CheckResult Exercise3(Func<Tensor, Tensor, double, Tensor>? slerp)
    {
        const string name = "Exercise 3";
        if (slerp is null) return Exercise.Unanswered(name, "answer3 is null");
        double[] u3 = [2 / 3.0, 2 / 3.0, 1 / 3.0], v3 = [-2 / 3.0, 1 / 3.0, 2 / 3.0]; // orthonormal
        (double[] U, double[] V, double DegreesApart, double T)[] cases =
        [
            ([1, 0], [0, 1], 90, 1 / 3.0),
            (u3, v3, 50, 0.3),
            (u3, v3, 140, 0.8),
        ];
        foreach (var (u, v, degrees, t) in cases)
        {
            double omega = degrees * System.Math.PI / 180;
            double[] a = u, b = Along(u, v, omega), expected = Along(u, v, t * omega);
            double[] result;
            using (var scope = NewDisposeScope())
            {
                var r = slerp(tensor(a.Select(x => (float)x).ToArray()), tensor(b.Select(x => (float)x).ToArray()), t);
                if (!r.shape.SequenceEqual(new long[] { a.Length }))
                    return Exercise.Verdict(name, false, $"for {a.Length}-D vectors your function returns shape [{string.Join(", ", r.shape)}], not [{a.Length}].",
                        "combine a and b with two scalar weights: w_a·a + w_b·b.");
                result = r.to_type(ScalarType.Float64).data<double>().ToArray();
            }
            if (result.Any(double.IsNaN)) return Exercise.Unanswered(name, $"your function returns NaN for unit vectors {degrees}° apart at t = {Exercise.Show(t)}");
            if (result.Zip(expected).All(p => System.Math.Abs(p.First - p.Second) <= 1e-5)) continue;
            double length = System.Math.Sqrt(result.Sum(x => x * x));
            string found = System.Math.Abs(length - 1) > 1e-4
                ? $"your result has length {Exercise.Show(length)}, but slerp stays on the unit sphere"
                : "your result is a unit vector, but not at the angle t·Ω from a on the way to b";
            return Exercise.Verdict(name, false, $"for unit vectors {degrees}° apart and t = {Exercise.Show(t)}, {found}.",
                "Ω = arccos(a·b) from the pair itself (not a fixed angle); weights sin((1 − t)Ω)/sin Ω for a and sin(tΩ)/sin Ω for b.");
        }
        return Exercise.Verdict(name, true, "slerp lands at the angle t·Ω on the great circle for pairs 90°, 50° and 140° apart.");
    }

    /// <summary>cos(θ)·u + sin(θ)·v: the unit vector at angle θ from u towards v (u, v orthonormal).</summary>
    static double[] Along(double[] u, double[] v, double theta) =>
        u.Zip(v, (x, y) => System.Math.Cos(theta) * x + System.Math.Sin(theta) * y).ToArray();
}
