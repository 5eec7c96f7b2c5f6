using System.Globalization;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Argument checks shared by the math and loss helpers. Every message says what was wrong and how to fix it.
/// </summary>
internal static class Require
{
    internal static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    internal static void NotNull(object? value, string name)
    {
        if (value is null) throw new ArgumentNullException(name, $"{name} is null: pass a value.");
    }

    internal static void NotEmpty<T>(IReadOnlyList<T> values, string name)
    {
        NotNull(values, name);
        if (values.Count == 0) throw new ArgumentException($"{name} is empty: pass at least one value.", name);
    }

    internal static void SameLength<T, U>(IReadOnlyList<T> a, string nameA, IReadOnlyList<U> b, string nameB)
    {
        NotEmpty(a, nameA);
        NotEmpty(b, nameB);
        if (a.Count != b.Count)
            throw new ArgumentException(
                $"{nameA} has {a.Count} entries but {nameB} has {b.Count}: both must describe the same outcomes (or grid points), in the same order.",
                nameB);
    }

    internal static void Finite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{name} = {Show(value)}: it must be a finite number.", name);
    }

    internal static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {Show(value)}: it must be a finite number greater than 0.");
    }

    /// <summary>Probabilities or densities: every entry finite and at least 0.</summary>
    internal static void NonNegative(IReadOnlyList<double> values, string name, string what)
    {
        NotEmpty(values, name);
        for (int i = 0; i < values.Count; i++)
        {
            double v = values[i];
            if (double.IsNaN(v) || v < 0 || double.IsInfinity(v))
                throw new ArgumentException(
                    $"{name}[{i}] = {Show(v)}: {what} must be finite and non-negative. Check how {name} was computed.", name);
        }
    }

    /// <summary>A discrete distribution: non-negative entries summing to 1 within <paramref name="tolerance"/>.</summary>
    internal static void Distribution(IReadOnlyList<double> p, string name, double tolerance)
    {
        NonNegative(p, name, "probabilities");
        double sum = 0;
        foreach (double v in p) sum += v;
        if (System.Math.Abs(sum - 1) > tolerance)
            throw new ArgumentException(
                $"{name} sums to {Show(sum)}, not 1: a probability distribution must sum to 1 (within {tolerance:G2}). " +
                $"If {name} holds counts or weights, pass Divergence.Normalize({name}).", name);
    }

    /// <summary>A density sampled on a grid: non-negative values whose trapezoid integral is 1 within <paramref name="tolerance"/>.</summary>
    internal static void Density(IReadOnlyList<double> values, double dx, string name, double tolerance)
    {
        NonNegative(values, name, "density values");
        double mass = Grid.Trapezoid(values, dx);
        if (System.Math.Abs(mass - 1) > tolerance)
            throw new ArgumentException(
                $"{name} integrates to {Show(mass)} over the grid, not 1 (tolerance {tolerance:G2}): widen the grid so it covers " +
                "the density's mass, use more grid points, or check that the function is a normalised density.", name);
    }

    /// <summary>A tensor of logits or scores: floating point and not empty.</summary>
    internal static void Scores(Tensor? t, string name)
    {
        NotNull(t, name);
        if (!t!.is_floating_point())
            throw new ArgumentException(
                $"{name} has dtype {t.dtype}: losses need floating-point logits. Convert with .to_type(ScalarType.Float32).", name);
        if (t.numel() == 0) throw new ArgumentException($"{name} is empty: a loss needs at least one logit.", name);
    }

    internal static void SameShape(Tensor a, string nameA, Tensor b, string nameB)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException(
                $"{nameA} has shape [{string.Join(", ", a.shape)}] but {nameB} has shape [{string.Join(", ", b.shape)}]: they must match.", nameB);
    }

    internal static void NoNegativeEntries(Tensor t, string name)
    {
        if (t.isnan().any().item<bool>() || (t < 0).any().item<bool>())
            throw new ArgumentException($"{name} has negative or NaN entries: probabilities and densities must be non-negative.", name);
    }
}
