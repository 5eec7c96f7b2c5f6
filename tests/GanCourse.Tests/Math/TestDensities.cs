namespace GanCourse.Tests.MathTests;

/// <summary>Closed-form densities and seeded samplers used as independent references by the math tests.</summary>
internal static class TestDensities
{
    public static double LogNormal(double x, double mu, double sigma)
    {
        double z = (x - mu) / sigma;
        return -0.5 * z * z - Math.Log(sigma) - 0.5 * Math.Log(2 * Math.PI);
    }

    public static Func<double, double> Normal(double mu, double sigma) => x => Math.Exp(LogNormal(x, mu, sigma));

    /// <summary>An equal-weight mixture of two normals.</summary>
    public static Func<double, double> Mixture(double mu1, double s1, double mu2, double s2) =>
        x => 0.5 * Math.Exp(LogNormal(x, mu1, s1)) + 0.5 * Math.Exp(LogNormal(x, mu2, s2));

    public static Func<double, double> Uniform(double a, double b) => x => x >= a && x <= b ? 1 / (b - a) : 0;

    public static double[] SampleNormal(Random rng, int n, double mu, double sigma)
    {
        var xs = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Box-Muller
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            xs[i] = mu + sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return xs;
    }

    public static double[] RandomDistribution(Random rng, int n)
    {
        var w = new double[n];
        for (int i = 0; i < n; i++) w[i] = rng.NextDouble() + 1e-3;
        double s = w.Sum();
        return w.Select(v => v / s).ToArray();
    }
}
