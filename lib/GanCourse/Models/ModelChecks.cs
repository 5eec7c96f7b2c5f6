using static TorchSharp.torch;

namespace GanCourse;

/// <summary>Argument checks shared by the models, so a wrong shape fails with a message that names the fix.</summary>
static class ModelChecks
{
    public static void Positive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
    }

    /// <summary>Requires a 2-D input [N, <paramref name="features"/>].</summary>
    public static void Features(Tensor input, long features, string model, string what)
    {
        if (input.ndim != 2 || input.size(1) != features)
            throw new ArgumentException(
                $"{model} expects its {what} as a tensor of shape [N, {features}]; got [{string.Join(", ", input.shape)}].");
    }

    /// <summary>Requires images [N, 1, side, side] or flat images [N, side*side]; returns them as [N, 1, side, side].</summary>
    public static Tensor Images(Tensor input, int side, string model)
    {
        if (input.ndim == 4 && input.size(1) == 1 && input.size(2) == side && input.size(3) == side) return input.alias();
        if (input.ndim == 2 && input.size(1) == side * side) return input.view(-1, 1, side, side);
        throw new ArgumentException(
            $"{model} expects images of shape [N, 1, {side}, {side}] (or flattened [N, {side * side}]); " +
            $"got [{string.Join(", ", input.shape)}].");
    }

    /// <summary>Requires images [N, <paramref name="pixels"/>] or [N, 1, h, w] with h*w = pixels; returns them as [N, pixels].</summary>
    public static Tensor Flat(Tensor input, int pixels, string model)
    {
        if (input.ndim == 2 && input.size(1) == pixels) return input.alias();
        if (input.ndim > 2 && input.numel() == input.size(0) * pixels) return input.reshape(input.size(0), pixels);
        throw new ArgumentException(
            $"{model} expects inputs of shape [N, {pixels}] (or images with {pixels} pixels each, e.g. [N, 1, 28, 28]); " +
            $"got [{string.Join(", ", input.shape)}].");
    }

    /// <summary>Requires class labels: an integer tensor [N] matching <paramref name="n"/> rows.</summary>
    public static void Labels(Tensor labels, long n, int classes, string model)
    {
        if (labels.ndim != 1 || labels.size(0) != n || !IsInteger(labels.dtype))
            throw new ArgumentException(
                $"{model} expects labels as an integer tensor of shape [{n}] (one class index in 0..{classes - 1} per row); " +
                $"got {labels.dtype} [{string.Join(", ", labels.shape)}].");
    }

    static bool IsInteger(ScalarType t) =>
        t is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte;
}
