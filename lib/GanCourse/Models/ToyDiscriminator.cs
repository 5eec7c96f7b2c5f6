using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A small MLP discriminator for the 1-D and 2-D theory notebooks: <c>Linear(inDim, h) → LeakyReLU(0.2) →
/// Linear(h, h) → LeakyReLU(0.2) → Linear(h, 1)</c>. Input [N, inDim], output logits [N, 1]: D(x) = sigmoid(logit).
/// </summary>
/// <remarks>Introduced in notebook 01.</remarks>
public sealed class ToyDiscriminator : nn.Module<Tensor, Tensor>
{
    readonly Linear input, hidden, output;
    readonly FixedSlopeLeakyReLU activation;

    /// <summary>Builds the discriminator.</summary>
    public ToyDiscriminator(int inDim = 1, int hidden = 32) : base(nameof(ToyDiscriminator))
    {
        Require.AtLeastOne(inDim, nameof(inDim));
        Require.AtLeastOne(hidden, nameof(hidden));
        InDim = inDim;
        input = nn.Linear(inDim, hidden);
        this.hidden = nn.Linear(hidden, hidden);
        output = nn.Linear(hidden, 1);
        activation = Layers.LeakyReLU(DiscriminatorBlock.NegativeSlope);
        RegisterComponents();
    }

    /// <summary>Dimension of a sample.</summary>
    public int InDim { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        Require.Features(x, InDim, nameof(ToyDiscriminator), "input");
        using var a1 = input.forward(x);
        using var h1 = activation.forward(a1);
        using var a2 = hidden.forward(h1);
        using var h2 = activation.forward(a2);
        return output.forward(h2);
    }
}
