namespace GanCourse;

/// <summary>Standard normal draws from a seeded <see cref="Random"/> (Box-Muller), so samples depend on the seed alone.</summary>
static class StandardNormal
{
    /// <summary>One N(0,1) draw: sqrt(-2 ln u1) cos(2 pi u2) with u1 in (0,1], u2 in [0,1).</summary>
    internal static double Next(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Index of the component chosen by a uniform draw against cumulative <paramref name="weights"/> (which sum to 1).</summary>
    internal static int Pick(Random rng, double[] weights)
    {
        double u = rng.NextDouble(), acc = 0;
        for (int k = 0; k < weights.Length - 1; k++)
        {
            acc += weights[k];
            if (u < acc) return k;
        }
        return weights.Length - 1;
    }

    /// <summary>
    /// Mixture weights divided by their sum (so {1, 1} means equal weights). Each must be finite and non-negative,
    /// and their sum positive.
    /// </summary>
    internal static double[] Normalise(double[] weights, int components, string paramName)
    {
        Require.NotNull(weights, paramName);
        if (weights.Length != components)
            throw new ArgumentException($"Expected {components} weights (one per component), got {weights.Length}.", paramName);
        for (int k = 0; k < weights.Length; k++)
            if (!double.IsFinite(weights[k]) || weights[k] < 0)
                throw new ArgumentException($"Weight {k} is {weights[k]}; weights must be finite and non-negative.", paramName);
        double sum = weights.Sum();
        if (sum <= 0)
            throw new ArgumentException("The weights sum to 0; at least one must be positive (they are divided by their sum).", paramName);
        return weights.Select(w => w / sum).ToArray();
    }

    internal static void CheckCount(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "The number of samples cannot be negative.");
    }

    /// <summary>log(sum exp(terms)), computed without overflow or underflow.</summary>
    internal static double LogSumExp(ReadOnlySpan<double> terms)
    {
        double max = double.NegativeInfinity;
        foreach (double t in terms) max = Math.Max(max, t);
        if (double.IsNegativeInfinity(max)) return max;
        double sum = 0;
        foreach (double t in terms) sum += Math.Exp(t - max);
        return max + Math.Log(sum);
    }
}
