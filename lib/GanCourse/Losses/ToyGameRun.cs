namespace GanCourse;

/// <summary>
/// What a <see cref="ToyGame"/> recorded. Per round (at the round's first G step): the norm of G's gradient, the mean
/// D(G(z)) of the batch, and how concentrated the loss's signal is (the share of Σᵢ |∂loss/∂lᵢ| that the batch's top 5 %
/// of samples carry; 0.05 when all samples count alike). At <see cref="DistanceRounds"/>: the 1-Wasserstein distance
/// between generated samples and fresh data samples (<see cref="Wasserstein1D"/>).
/// </summary>
/// <remarks>Introduced in notebook 05.</remarks>
/// <param name="Loss">The loss's name.</param>
/// <param name="Seed">The seed of the run (initial weights, batches, evaluation samples).</param>
/// <param name="GradientNorm">‖∇θ J(G)‖ per round.</param>
/// <param name="FakeScore">Mean D(G(z)) of the batch per round.</param>
/// <param name="TopShare">Share of the batch's logit gradient carried by its top 5 % of samples, per round.</param>
/// <param name="DistanceRounds">The rounds after which the distance was measured.</param>
/// <param name="Distance">W₁(generated, data) at those rounds.</param>
/// <param name="FinalMean">Mean of the generated evaluation samples after the last round (NaN if the run diverged).</param>
/// <param name="FinalStd">Standard deviation of the generated evaluation samples after the last round (NaN if the run diverged).</param>
/// <param name="DivergedAt">
/// The round in which G's gradient or samples stopped being finite numbers, or null. The game stops there; the per-round
/// arrays hold NaN from that round on, and the distances end before it.
/// </param>
public sealed record ToyGameRun(
    string Loss, int Seed, double[] GradientNorm, double[] FakeScore, double[] TopShare,
    int[] DistanceRounds, double[] Distance, double FinalMean, double FinalStd, int? DivergedAt)
{
    /// <summary>W₁ after the last round, or +∞ if the run diverged (its samples are no longer numbers).</summary>
    public double FinalDistance => DivergedAt is null ? Distance[^1] : double.PositiveInfinity;

    /// <summary>The median of <see cref="GradientNorm"/> over rounds <paramref name="first"/> to <paramref name="last"/> (1-based, inclusive).</summary>
    public double MedianGradientNorm(int first, int last) => Median(GradientNorm, first, last, nameof(GradientNorm));

    /// <summary>The median of <see cref="TopShare"/> over rounds <paramref name="first"/> to <paramref name="last"/> (1-based, inclusive).</summary>
    public double MedianTopShare(int first, int last) => Median(TopShare, first, last, nameof(TopShare));

    double Median(double[] values, int first, int last, string what)
    {
        if (first < 1 || last > values.Length || first > last)
            throw new ArgumentOutOfRangeException(nameof(first), $"Rounds {first}..{last} are not within 1..{values.Length}: pick rounds the run has ({what}).");
        var window = values[(first - 1)..last].Order().ToArray();
        int n = window.Length;
        return n % 2 == 1 ? window[n / 2] : (window[n / 2 - 1] + window[n / 2]) / 2;
    }
}
