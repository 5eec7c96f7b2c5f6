using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The lecture's MLP generator (the "Your first GAN" assignment): four <see cref="GeneratorBlock"/>s
/// z → h → 2h → 4h → 8h, then <c>Linear(8h, imageDim)</c> and a sigmoid, so pixels lie in (0, 1).
/// With the defaults: 64 → 128 → 256 → 512 → 1024 → 784. Input noise [N, zDim], output flat images [N, imageDim].
/// </summary>
public sealed class MlpGenerator : nn.Module<Tensor, Tensor>
{
    readonly GeneratorBlock block1, block2, block3, block4;
    readonly Linear toImage;
    readonly Sigmoid sigmoid;

    /// <summary>Builds the generator; <paramref name="hidden"/> is the width of the first block.</summary>
    public MlpGenerator(int zDim = 64, int imageDim = 784, int hidden = 128) : base(nameof(MlpGenerator))
    {
        Require.AtLeastOne(zDim, nameof(zDim));
        Require.AtLeastOne(imageDim, nameof(imageDim));
        Require.AtLeastOne(hidden, nameof(hidden));
        ZDim = zDim;
        ImageDim = imageDim;
        block1 = new GeneratorBlock(zDim, hidden);
        block2 = new GeneratorBlock(hidden, hidden * 2);
        block3 = new GeneratorBlock(hidden * 2, hidden * 4);
        block4 = new GeneratorBlock(hidden * 4, hidden * 8);
        toImage = nn.Linear(hidden * 8, imageDim);
        sigmoid = nn.Sigmoid();
        RegisterComponents();
    }

    /// <summary>Length of the noise vector.</summary>
    public int ZDim { get; }

    /// <summary>Number of pixels of one generated image.</summary>
    public int ImageDim { get; }

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
        return sigmoid.forward(logits);
    }
}
