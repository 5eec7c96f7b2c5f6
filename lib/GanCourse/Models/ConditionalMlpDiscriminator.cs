using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A conditional version of <see cref="MlpDiscriminator"/>: the one-hot class label is concatenated to the
/// flattened image, so the first block sees [x, onehot(y)] of width imageDim + classes. Inputs: images
/// [N, imageDim] (or [N, 1, h, w]) and integer labels [N]; output logits [N, 1].
/// </summary>
/// <remarks>Introduced in notebook 09.</remarks>
public sealed class ConditionalMlpDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly MlpDiscriminator discriminator;

    /// <summary>Builds the discriminator for <paramref name="classes"/> classes.</summary>
    public ConditionalMlpDiscriminator(int classes = 10, int imageDim = 784, int hidden = 128)
        : base(nameof(ConditionalMlpDiscriminator))
    {
        Require.AtLeastOne(classes, nameof(classes));
        Require.AtLeastOne(imageDim, nameof(imageDim));
        Classes = classes;
        ImageDim = imageDim;
        discriminator = new MlpDiscriminator(imageDim + classes, hidden);
        RegisterComponents();
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of pixels of one input image.</summary>
    public int ImageDim { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor images, Tensor labels)
    {
        using var flat = Require.Flat(images, ImageDim, nameof(ConditionalMlpDiscriminator));
        Require.Labels(labels, flat.size(0), Classes, nameof(ConditionalMlpDiscriminator));
        using var oneHot = nn.functional.one_hot(labels.to(ScalarType.Int64), Classes);
        using var code = oneHot.to(flat.dtype);
        using var input = cat([flat, code], 1);
        return discriminator.forward(input);
    }
}
