namespace GanCourse;

/// <summary>How many modes of a 2-D mixture a set of samples covers (see <see cref="GaussianMixture2D.Coverage"/>).</summary>
/// <param name="Covered">Modes with enough samples near them.</param>
/// <param name="Modes">Modes in the mixture.</param>
/// <param name="HighQualityFraction">Share of samples within the distance of some mode.</param>
/// <param name="SamplesPerMode">Samples near each mode.</param>
public sealed record ModeCoverage(int Covered, int Modes, double HighQualityFraction, int[] SamplesPerMode)
{
    public override string ToString() => $"{Covered}/{Modes} modes covered, {HighQualityFraction * 100:F1}% high-quality samples";
}
