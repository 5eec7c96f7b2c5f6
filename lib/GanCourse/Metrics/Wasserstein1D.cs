namespace GanCourse;

/// <summary>
/// The 1-Wasserstein (earth mover's) distance between two equally large sets of 1-D samples: sort both and average the
/// distances between the i-th smallest of each, W₁ = (1/n) Σ |a₍ᵢ₎ − b₍ᵢ₎|. That is the exact W₁ between the two
/// empirical distributions, in the data's own units: how far, on average, each sample has to move to turn one set into
/// the other. Two sets drawn from the same distribution are not at 0 but at a sampling floor that shrinks like 1/√n.
/// </summary>
/// <remarks>Introduced in notebook 05.</remarks>
public static class Wasserstein1D
{
    /// <summary>W₁ between the empirical distributions of <paramref name="a"/> and <paramref name="b"/> (same length, finite values).</summary>
    public static double Between(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Require.SameLength(a, nameof(a), b, nameof(b));
        double[] sortedA = Sorted(a, nameof(a)), sortedB = Sorted(b, nameof(b));
        double sum = 0;
        for (int i = 0; i < sortedA.Length; i++) sum += System.Math.Abs(sortedA[i] - sortedB[i]);
        return sum / sortedA.Length;
    }

    static double[] Sorted(IReadOnlyList<double> values, string name)
    {
        var sorted = values.ToArray();
        for (int i = 0; i < sorted.Length; i++) Require.Finite(sorted[i], $"{name}[{i}]");
        Array.Sort(sorted);
        return sorted;
    }
}
