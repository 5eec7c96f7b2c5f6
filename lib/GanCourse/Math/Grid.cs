using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Evenly spaced points x_0 = start, ..., x_{n-1} = end on which 1-D densities are sampled and integrated
/// (trapezoid rule). Used by <see cref="Divergence"/>, <see cref="GanValue"/> and <see cref="OptimalDiscriminator"/>.
/// </summary>
/// <remarks>Introduced in notebook 00.</remarks>
public sealed class Grid
{
    private readonly double[] points;

    private Grid(double start, double end, int count)
    {
        Start = start;
        End = end;
        Dx = (end - start) / (count - 1);
        points = new double[count];
        for (int i = 0; i < count; i++) points[i] = start + i * Dx;
        points[count - 1] = end;
    }

    /// <summary><paramref name="count"/> evenly spaced points from <paramref name="start"/> to <paramref name="end"/>, both included (like numpy's linspace).</summary>
    public static Grid Linspace(double start, double end, int count)
    {
        Require.Finite(start, nameof(start));
        Require.Finite(end, nameof(end));
        if (!(end > start))
            throw new ArgumentException($"end = {Require.Show(end)} must be greater than start = {Require.Show(start)}.", nameof(end));
        if (count < 2)
            throw new ArgumentOutOfRangeException(nameof(count), count, "A grid needs at least 2 points (a few hundred or more for accurate integrals).");
        return new Grid(start, end, count);
    }

    /// <summary>First point.</summary>
    public double Start { get; }

    /// <summary>Last point.</summary>
    public double End { get; }

    /// <summary>Spacing between neighbouring points.</summary>
    public double Dx { get; }

    /// <summary>Number of points.</summary>
    public int Count => points.Length;

    /// <summary>The points (read-only; pass them as the x values of a plot).</summary>
    public IReadOnlyList<double> Points => points;

    /// <summary>f evaluated at every point.</summary>
    public double[] Evaluate(Func<double, double> f)
    {
        Require.NotNull(f, nameof(f));
        var values = new double[points.Length];
        for (int i = 0; i < values.Length; i++) values[i] = f(points[i]);
        return values;
    }

    /// <summary>∫ f(x) dx over [Start, End] by the trapezoid rule.</summary>
    public double Integrate(Func<double, double> f) => Trapezoid(Evaluate(f), Dx);

    /// <summary>∫ f(x) dx by the trapezoid rule, from f's values at the points.</summary>
    public double Integrate(IReadOnlyList<double> values)
    {
        Require.SameLength(points, "grid points", values, nameof(values));
        return Trapezoid(values, Dx);
    }

    /// <summary>The points as a 1-D tensor (float64 unless <paramref name="dtype"/> says otherwise).</summary>
    public Tensor ToTensor(ScalarType dtype = ScalarType.Float64) => tensor(points, dtype: dtype);

    /// <inheritdoc/>
    public override string ToString() => $"Grid({Require.Show(Start)} .. {Require.Show(End)}, {Count} points, dx = {Require.Show(Dx)})";

    /// <summary>Trapezoid rule on evenly spaced values: dx · (v_0/2 + v_1 + ... + v_{n-2} + v_{n-1}/2).</summary>
    internal static double Trapezoid(IReadOnlyList<double> values, double dx)
    {
        int n = values.Count;
        if (n == 1) return 0;
        double sum = 0.5 * (values[0] + values[n - 1]);
        for (int i = 1; i < n - 1; i++) sum += values[i];
        return sum * dx;
    }
}
