using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A conditional version of <see cref="MlpGenerator"/>: the class label, one-hot encoded, is concatenated to the
/// noise, so the first block sees [z, onehot(y)] of width zDim + classes. Inputs: noise [N, zDim] and integer
/// labels [N]; output flat images [N, imageDim] in (0, 1).
/// </summary>
/// <remarks>Introduced in notebook 09.</remarks>
public sealed class ConditionalMlpGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly MlpGenerator generator;

    /// <summary>Builds the generator for <paramref name="classes"/> classes.</summary>
    public ConditionalMlpGenerator(int zDim = 64, int classes = 10, int imageDim = 784, int hidden = 128)
        : base(nameof(ConditionalMlpGenerator))
    {
        Require.AtLeastOne(zDim, nameof(zDim));
        Require.AtLeastOne(classes, nameof(classes));
        ZDim = zDim;
        Classes = classes;
        ImageDim = imageDim;
        generator = new MlpGenerator(zDim + classes, imageDim, hidden);
        RegisterComponents();
    }

    /// <summary>Length of the noise vector (without the label).</summary>
    public int ZDim { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of pixels of one generated image.</summary>
    public int ImageDim { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor noise, Tensor labels)
    {
        Require.Features(noise, ZDim, nameof(ConditionalMlpGenerator), "noise");
        Require.Labels(labels, noise.size(0), Classes, nameof(ConditionalMlpGenerator));
        using var oneHot = nn.functional.one_hot(labels.to(ScalarType.Int64), Classes);
        using var code = oneHot.to(noise.dtype);
        using var input = cat([noise, code], 1);
        return generator.forward(input);
    }
}
