using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// One block of the lecture's MLP discriminator: <c>Linear(in, out) → LeakyReLU(0.2)</c>. Input [N, in], output [N, out].
/// </summary>
/// <remarks>Introduced in notebook 07.</remarks>
public sealed class DiscriminatorBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>The negative slope of the block's LeakyReLU, as in the lecture.</summary>
    public const double NegativeSlope = 0.2;

    readonly Linear linear;
    readonly FixedSlopeLeakyReLU activation;

    /// <summary>A block mapping <paramref name="inFeatures"/> to <paramref name="outFeatures"/>.</summary>
    public DiscriminatorBlock(int inFeatures, int outFeatures) : base(nameof(DiscriminatorBlock))
    {
        Require.AtLeastOne(inFeatures, nameof(inFeatures));
        Require.AtLeastOne(outFeatures, nameof(outFeatures));
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        linear = nn.Linear(inFeatures, outFeatures);
        activation = Layers.LeakyReLU(NegativeSlope);
        RegisterComponents();
    }

    /// <summary>Width of the input.</summary>
    public int InFeatures { get; }

    /// <summary>Width of the output.</summary>
    public int OutFeatures { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        Require.Features(input, InFeatures, nameof(DiscriminatorBlock), "input");
        using var hidden = linear.forward(input);
        return activation.forward(hidden);
    }
}
