using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// LeakyReLU, <c>max(x, slope·x)</c> for 0 &lt; slope &lt; 1, that keeps its slope as a single <see cref="Scalar"/> owned
/// by the layer, so a forward pass allocates no temporary Scalar (see <see cref="Layers"/> for why that matters).
/// </summary>
public sealed class FixedSlopeLeakyReLU : nn.Module<Tensor, Tensor>
{
    readonly Scalar slope;

    /// <summary>Builds the layer; <paramref name="negativeSlope"/> scales the negative inputs.</summary>
    public FixedSlopeLeakyReLU(double negativeSlope) : base("LeakyReLU")
    {
        if (!(negativeSlope >= 0 && negativeSlope < 1))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope,
                "A LeakyReLU's negative slope must lie in [0, 1) (the GAN discriminators use 0.2).");
        NegativeSlope = negativeSlope;
        slope = negativeSlope.ToScalar();
    }

    /// <summary>The factor applied to negative inputs.</summary>
    public double NegativeSlope { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.leaky_relu(slope);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) slope.Dispose();
        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    public override string ToString() => $"LeakyReLU(negative_slope={NegativeSlope})";
}
