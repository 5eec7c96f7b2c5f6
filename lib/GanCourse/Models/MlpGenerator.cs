using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The lecture's MLP generator (the "Your first GAN" assignment): four <see cref="GeneratorBlock"/>s
/// z → h → 2h → 4h → 8h, then <c>Linear(8h, imageDim)</c> and a sigmoid, so pixels lie in (0, 1), or a tanh
/// (pixels in (-1, 1), for data scaled to [-1, 1]). With the defaults: 64 → 128 → 256 → 512 → 1024 → 784 and a
/// sigmoid. Input noise [N, zDim], output flat images [N, imageDim].
/// </summary>
/// <remarks>Introduced in notebook 06b.</remarks>
public sealed class MlpGenerator : nn.Module<Tensor, Tensor>
{
    readonly GeneratorBlock block1, block2, block3, block4;
    readonly Linear toImage;
    readonly nn.Module<Tensor, Tensor> squash;

    /// <summary>
    /// Builds the generator; <paramref name="hidden"/> is the width of the first block, <paramref name="output"/> the
    /// squashing function at the end (the lecture's sigmoid, or tanh for data in [-1, 1]).
    /// </summary>
    public MlpGenerator(int zDim = 64, int imageDim = 784, int hidden = 128, OutputActivation output = OutputActivation.Sigmoid)
        : base(nameof(MlpGenerator))
    {
        Require.AtLeastOne(zDim, nameof(zDim));
        Require.AtLeastOne(imageDim, nameof(imageDim));
        Require.AtLeastOne(hidden, nameof(hidden));
        ZDim = zDim;
        ImageDim = imageDim;
        Output = output;
        block1 = new GeneratorBlock(zDim, hidden);
        block2 = new GeneratorBlock(hidden, hidden * 2);
        block3 = new GeneratorBlock(hidden * 2, hidden * 4);
        block4 = new GeneratorBlock(hidden * 4, hidden * 8);
        toImage = nn.Linear(hidden * 8, imageDim);
        squash = output switch
        {
            OutputActivation.Sigmoid => nn.Sigmoid(),
            OutputActivation.Tanh => nn.Tanh(),
            _ => throw new ArgumentOutOfRangeException(nameof(output), output, "output must be OutputActivation.Sigmoid or Tanh."),
        };
        RegisterComponents();
    }

    /// <summary>Length of the noise vector.</summary>
    public int ZDim { get; }

    /// <summary>Number of pixels of one generated image.</summary>
    public int ImageDim { get; }

    /// <summary>The output squashing function: Sigmoid (pixels in (0, 1)) or Tanh (pixels in (-1, 1)).</summary>
    public OutputActivation Output { get; }

    /// <summary>The four blocks in order, so a notebook can run one on its own.</summary>
    public IReadOnlyList<GeneratorBlock> Blocks => [block1, block2, block3, block4];

    /// <inheritdoc/>
    public override Tensor forward(Tensor noise)
    {
        Require.Features(noise, ZDim, nameof(MlpGenerator), "noise");
        using var h1 = block1.forward(noise);
        using var h2 = block2.forward(h1);
        using var h3 = block3.forward(h2);
        using var h4 = block4.forward(h3);
        using var logits = toImage.forward(h4);
        return squash.forward(logits);
    }

    /// <summary>
    /// Draws <paramref name="n"/> images as the trained generator makes them: batch norm in evaluation mode (its
    /// running statistics), no gradients, noise from a generator seeded with <paramref name="seed"/> (so the same seed
    /// gives the same images), pixels mapped to [0, 1] whatever <see cref="Output"/> is, ready for a classifier or a
    /// plot. Returns [n, imageDim]; the module's training mode is restored afterwards.
    /// </summary>
    public Tensor SampleImages(int n, int seed) => GeneratorSampling.Draw(this, ZDim, Output, n, seed);
}
