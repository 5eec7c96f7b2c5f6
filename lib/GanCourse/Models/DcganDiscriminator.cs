using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A DCGAN-style discriminator for 28×28 single-channel images: strided convolutions 28×28 → 14×14 (f channels,
/// LeakyReLU 0.2, no batch norm on the first layer as in the DCGAN paper) → 7×7 (2f, batch norm, LeakyReLU 0.2),
/// then a 7×7 convolution to one logit. Weights follow <see cref="DcganInit"/>. Accepts [N, 1, 28, 28] or flat
/// [N, 784]; returns logits [N, 1].
/// </summary>
/// <remarks>Introduced in notebook 08.</remarks>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor>
{
    /// <summary>Side of the input images.</summary>
    public const int Side = 28;

    readonly Sequential downsample1, downsample2, toLogit;

    /// <summary>Builds the discriminator; <paramref name="features"/> (f) sets the channel widths f and 2f.</summary>
    public DcganDiscriminator(int features = 64) : base(nameof(DcganDiscriminator))
    {
        Require.AtLeastOne(features, nameof(features));
        downsample1 = nn.Sequential(
            ("conv", nn.Conv2d(1, features, kernel_size: 4, stride: 2, padding: 1)),
            ("lrelu", Layers.LeakyReLU(DiscriminatorBlock.NegativeSlope)));
        downsample2 = nn.Sequential(
            ("conv", nn.Conv2d(features, 2 * features, kernel_size: 4, stride: 2, padding: 1, bias: false)),
            ("norm", Layers.BatchNorm2d(2 * features)),
            ("lrelu", Layers.LeakyReLU(DiscriminatorBlock.NegativeSlope)));
        toLogit = nn.Sequential(
            ("conv", nn.Conv2d(2 * features, 1, kernel_size: 7, stride: 1, padding: 0L)));
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor images)
    {
        using var x = Require.Images(images, Side, nameof(DcganDiscriminator));
        using var h14 = downsample1.forward(x);
        using var h7 = downsample2.forward(h14);
        using var logit = toLogit.forward(h7);
        return logit.view(-1, 1);
    }
}
