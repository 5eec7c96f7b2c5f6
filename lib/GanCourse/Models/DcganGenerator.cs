using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A DCGAN-style generator for 28×28 single-channel images. Noise [N, zDim] is read as [N, zDim, 1, 1] and
/// upsampled by transposed convolutions: 1×1 → 7×7 (4f channels) → 14×14 (2f) → 28×28 (1), with batch norm and
/// ReLU between them (none after the last) and <see cref="OutputActivation"/> at the end. Weights follow
/// <see cref="DcganInit"/>. Output images [N, 1, 28, 28].
/// </summary>
/// <remarks>Introduced in notebook 08.</remarks>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor>
{
    /// <summary>Side of the generated images.</summary>
    public const int Side = 28;

    readonly Sequential project, upsample, toImage;
    readonly nn.Module<Tensor, Tensor> squash;

    /// <summary>
    /// Builds the generator. <paramref name="features"/> (f) sets the channel widths 4f and 2f of the hidden maps.
    /// </summary>
    public DcganGenerator(int zDim = 64, int features = 64, OutputActivation output = OutputActivation.Tanh)
        : base(nameof(DcganGenerator))
    {
        Require.AtLeastOne(zDim, nameof(zDim));
        Require.AtLeastOne(features, nameof(features));
        ZDim = zDim;
        Output = output;
        project = nn.Sequential(
            ("deconv", nn.ConvTranspose2d(zDim, 4 * features, kernel_size: 7, stride: 1, padding: 0, bias: false)),
            ("norm", Layers.BatchNorm2d(4 * features)),
            ("relu", nn.ReLU()));
        upsample = nn.Sequential(
            ("deconv", nn.ConvTranspose2d(4 * features, 2 * features, kernel_size: 4, stride: 2, padding: 1, bias: false)),
            ("norm", Layers.BatchNorm2d(2 * features)),
            ("relu", nn.ReLU()));
        toImage = nn.Sequential(
            ("deconv", nn.ConvTranspose2d(2 * features, 1, kernel_size: 4, stride: 2, padding: 1)));
        squash = output == OutputActivation.Tanh ? nn.Tanh() : nn.Sigmoid();
        RegisterComponents();
        DcganInit.Apply(this);
    }

    /// <summary>Length of the noise vector.</summary>
    public int ZDim { get; }

    /// <summary>The output squashing function.</summary>
    public OutputActivation Output { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor noise)
    {
        Require.Features(noise, ZDim, nameof(DcganGenerator), "noise");
        using var z = noise.view(-1, ZDim, 1, 1);
        using var h7 = project.forward(z);
        using var h14 = upsample.forward(h7);
        using var logits = toImage.forward(h14);
        return squash.forward(logits);
    }

    /// <summary>
    /// Draws <paramref name="n"/> images as the trained generator makes them: batch norm in evaluation mode (its
    /// running statistics), no gradients, noise from a generator seeded with <paramref name="seed"/> (so the same seed
    /// gives the same images), pixels mapped to [0, 1] whatever <see cref="Output"/> is, ready for the course's
    /// classifier or a plot. Returns [n, 1, 28, 28]; the module's training mode is restored afterwards.
    /// </summary>
    /// <remarks>Introduced in notebook 08.</remarks>
    public Tensor SampleImages(int n, int seed) => GeneratorSampling.Draw(this, ZDim, Output, n, seed);
}
