using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The lecture's MLP discriminator: three <see cref="DiscriminatorBlock"/>s imageDim → 4h → 2h → h, then
/// <c>Linear(h, 1)</c>. With the defaults: 784 → 512 → 256 → 128 → 1. It returns logits [N, 1] (no sigmoid):
/// D(x) = sigmoid(logit), and the losses use the numerically stable BCE-with-logits.
/// Accepts flat images [N, imageDim] or images [N, 1, h, w] with h·w = imageDim.
/// Two optional ways to keep the critic from winning too fast, both active only in training mode (the defaults, 0,
/// are the lecture's model): <see cref="Dropout"/> after each block, and Gaussian <see cref="InputNoise"/> added to
/// every image it reads, real or generated ("instance noise", Sønderby et al. 2017), which makes the two
/// distributions overlap so the critic cannot separate them perfectly.
/// </summary>
/// <remarks>Introduced in notebook 06b.</remarks>
public sealed class MlpDiscriminator : nn.Module<Tensor, Tensor>
{
    readonly DiscriminatorBlock block1, block2, block3;
    readonly Linear toLogit;
    double inputNoise;

    /// <summary>
    /// Builds the discriminator; <paramref name="hidden"/> is the width of the last block, <paramref name="dropout"/>
    /// the probability of zeroing each block's outputs in training, <paramref name="inputNoise"/> the standard deviation
    /// of the Gaussian noise added to its inputs in training (in pixel units).
    /// </summary>
    public MlpDiscriminator(int imageDim = 784, int hidden = 128, double dropout = 0, double inputNoise = 0)
        : base(nameof(MlpDiscriminator))
    {
        Require.AtLeastOne(imageDim, nameof(imageDim));
        Require.AtLeastOne(hidden, nameof(hidden));
        if (!(dropout >= 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout,
                "dropout is the probability of zeroing a unit: it must lie in [0, 1) (0 = no dropout, e.g. 0.3).");
        ImageDim = imageDim;
        Dropout = dropout;
        InputNoise = inputNoise;
        block1 = new DiscriminatorBlock(imageDim, hidden * 4);
        block2 = new DiscriminatorBlock(hidden * 4, hidden * 2);
        block3 = new DiscriminatorBlock(hidden * 2, hidden);
        toLogit = nn.Linear(hidden, 1);
        RegisterComponents();
    }

    /// <summary>Number of pixels of one input image.</summary>
    public int ImageDim { get; }

    /// <summary>Probability of zeroing each block output in training mode (0 = none, the lecture's model).</summary>
    public double Dropout { get; }

    /// <summary>
    /// Standard deviation of the Gaussian noise added to every input image in training mode (0 = none, the lecture's
    /// model). Settable, so it can be lowered as training goes on.
    /// </summary>
    public double InputNoise
    {
        get => inputNoise;
        set
        {
            if (!(value >= 0) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(InputNoise), value,
                    "InputNoise is a standard deviation in pixel units: it must be a finite number ≥ 0 (0 = no noise, e.g. 0.1).");
            inputNoise = value;
        }
    }

    /// <summary>The three blocks in order.</summary>
    public IReadOnlyList<DiscriminatorBlock> Blocks => [block1, block2, block3];

    /// <inheritdoc/>
    public override Tensor forward(Tensor images)
    {
        using var flat = Require.Flat(images, ImageDim, nameof(MlpDiscriminator));
        using var noisy = training && inputNoise > 0 ? WithNoise(flat) : flat.alias();
        using var h1 = Block(block1, noisy);
        using var h2 = Block(block2, h1);
        using var h3 = Block(block3, h2);
        return toLogit.forward(h3);
    }

    Tensor WithNoise(Tensor flat)
    {
        using var noise = empty_like(flat);
        noise.normal_(0, inputNoise);
        return flat + noise;
    }

    Tensor Block(DiscriminatorBlock block, Tensor input)
    {
        if (!(training && Dropout > 0)) return block.forward(input);
        using var hidden = block.forward(input);
        return nn.functional.dropout(hidden, Dropout, training: true);
    }
}
