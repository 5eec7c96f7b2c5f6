using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The lecture's MLP discriminator: three <see cref="DiscriminatorBlock"/>s imageDim → 4h → 2h → h, then
/// <c>Linear(h, 1)</c>. With the defaults: 784 → 512 → 256 → 128 → 1. It returns logits [N, 1] (no sigmoid):
/// D(x) = sigmoid(logit), and the losses use the numerically stable BCE-with-logits.
/// Accepts flat images [N, imageDim] or images [N, 1, h, w] with h·w = imageDim.
/// </summary>
public sealed class MlpDiscriminator : nn.Module<Tensor, Tensor>
{
    readonly DiscriminatorBlock block1, block2, block3;
    readonly Linear toLogit;

    /// <summary>Builds the discriminator; <paramref name="hidden"/> is the width of the last block.</summary>
    public MlpDiscriminator(int imageDim = 784, int hidden = 128) : base(nameof(MlpDiscriminator))
    {
        Require.AtLeastOne(imageDim, nameof(imageDim));
        Require.AtLeastOne(hidden, nameof(hidden));
        ImageDim = imageDim;
        block1 = new DiscriminatorBlock(imageDim, hidden * 4);
        block2 = new DiscriminatorBlock(hidden * 4, hidden * 2);
        block3 = new DiscriminatorBlock(hidden * 2, hidden);
        toLogit = nn.Linear(hidden, 1);
        RegisterComponents();
    }

    /// <summary>Number of pixels of one input image.</summary>
    public int ImageDim { get; }

    /// <summary>The three blocks in order.</summary>
    public IReadOnlyList<DiscriminatorBlock> Blocks => [block1, block2, block3];

    /// <inheritdoc/>
    public override Tensor forward(Tensor images)
    {
        using var flat = Require.Flat(images, ImageDim, nameof(MlpDiscriminator));
        using var h1 = block1.forward(flat);
        using var h2 = block2.forward(h1);
        using var h3 = block3.forward(h2);
        return toLogit.forward(h3);
    }
}
