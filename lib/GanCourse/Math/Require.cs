using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The course's argument checks, in one place: numbers, distributions, tensors and model inputs. Every message says
/// what was wrong and how to fix it. A check that only one method makes, with wording of its own, stays in that method.
/// </summary>
internal static class Require
{
    internal static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    internal static void NotNull([NotNull] object? value, string name)
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

    /// <summary>A count or size: at least 1. <paramref name="what"/>, if given, says what the number counts.</summary>
    internal static void AtLeastOne(int value, string name, string? what = null)
    {
        if (value < 1)
            throw new ArgumentOutOfRangeException(name, value, $"{name}{(what is null ? "" : $" ({what})")} must be at least 1.");
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

    /// <summary>The discriminator's target for real samples: in (0, 1], 1 meaning no label smoothing.</summary>
    internal static void RealLabel(double realLabel)
    {
        if (!(realLabel > 0 && realLabel <= 1))
            throw new ArgumentOutOfRangeException(nameof(realLabel), realLabel,
                $"realLabel = {Show(realLabel)}: the target for real samples must be in (0, 1]; 1 means no smoothing, 0.9 is the usual one-sided smoothing.");
    }

    /// <summary>A model's 2-D input [N, <paramref name="features"/>].</summary>
    internal static void Features(Tensor input, long features, string model, string what)
    {
        if (input.ndim != 2 || input.size(1) != features)
            throw new ArgumentException(
                $"{model} expects its {what} as a tensor of shape [N, {features}]; got [{string.Join(", ", input.shape)}].");
    }

    /// <summary>A model's images [N, 1, side, side] or flat images [N, side*side]; returns them as [N, 1, side, side].</summary>
    internal static Tensor Images(Tensor input, int side, string model)
    {
        if (input.ndim == 4 && input.size(1) == 1 && input.size(2) == side && input.size(3) == side) return input.alias();
        if (input.ndim == 2 && input.size(1) == side * side) return input.view(-1, 1, side, side);
        throw new ArgumentException(
            $"{model} expects images of shape [N, 1, {side}, {side}] (or flattened [N, {side * side}]); " +
            $"got [{string.Join(", ", input.shape)}].");
    }

    /// <summary>A model's images [N, <paramref name="pixels"/>] or [N, 1, h, w] with h*w = pixels; returns them as [N, pixels].</summary>
    internal static Tensor Flat(Tensor input, int pixels, string model)
    {
        if (input.ndim == 2 && input.size(1) == pixels) return input.alias();
        if (input.ndim > 2 && input.numel() == input.size(0) * pixels) return input.reshape(input.size(0), pixels);
        throw new ArgumentException(
            $"{model} expects inputs of shape [N, {pixels}] (or images with {pixels} pixels each, e.g. [N, 1, 28, 28]); " +
            $"got [{string.Join(", ", input.shape)}].");
    }

    /// <summary>A model's class labels: an integer tensor [N] matching <paramref name="n"/> rows.</summary>
    internal static void Labels(Tensor labels, long n, int classes, string model)
    {
        if (labels.ndim != 1 || labels.size(0) != n || !IsInteger(labels.dtype))
            throw new ArgumentException(
                $"{model} expects labels as an integer tensor of shape [{n}] (one class index in 0..{classes - 1} per row); " +
                $"got {labels.dtype} [{string.Join(", ", labels.shape)}].");
    }

    static bool IsInteger(ScalarType t) =>
        t is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte;
}
