using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A conditional MLP critic with a <b>projection</b> (Miyato and Koyama, 2018, "cGANs with projection
/// discriminator"): the image alone goes through the blocks of <see cref="MlpDiscriminator"/> to features
/// φ(x) [N, h], and the label enters at the end as an inner product,
/// logit(x, y) = w·φ(x) + b + e_y·φ(x), with one learned vector e_y per class. Concatenating a one-hot code to the
/// 784 pixels (<see cref="ConditionalMlpDiscriminator"/>) gives the label 10 of 794 inputs; here it weighs every
/// feature of the score. Inputs: images [N, imageDim] (or [N, 1, h, w]) and integer labels [N]; output logits [N, 1].
/// </summary>
/// <remarks>Introduced in notebook 09.</remarks>
public sealed class ConditionalProjectionDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly DiscriminatorBlock block1, block2, block3;
    readonly Linear toLogit, classEmbedding;

    /// <summary>Builds the critic for <paramref name="classes"/> classes; <paramref name="hidden"/> is the width of φ(x).</summary>
    public ConditionalProjectionDiscriminator(int classes = 10, int imageDim = 784, int hidden = 128)
        : base(nameof(ConditionalProjectionDiscriminator))
    {
        Require.AtLeastOne(classes, nameof(classes));
        Require.AtLeastOne(imageDim, nameof(imageDim));
        Require.AtLeastOne(hidden, nameof(hidden));
        Classes = classes;
        ImageDim = imageDim;
        block1 = new DiscriminatorBlock(imageDim, hidden * 4);
        block2 = new DiscriminatorBlock(hidden * 4, hidden * 2);
        block3 = new DiscriminatorBlock(hidden * 2, hidden);
        toLogit = nn.Linear(hidden, 1);
        classEmbedding = nn.Linear(classes, hidden, hasBias: false);   // e_y = the row picked by onehot(y)
        RegisterComponents();
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of pixels of one input image.</summary>
    public int ImageDim { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor images, Tensor labels)
    {
        using var flat = Require.Flat(images, ImageDim, nameof(ConditionalProjectionDiscriminator));
        Require.Labels(labels, flat.size(0), Classes, nameof(ConditionalProjectionDiscriminator));
        using var h1 = block1.forward(flat);
        using var h2 = block2.forward(h1);
        using var features = block3.forward(h2);
        using var oneHot = nn.functional.one_hot(labels.to(ScalarType.Int64), Classes);
        using var code = oneHot.to(features.dtype);
        using var embedded = classEmbedding.forward(code);
        using var product = embedded * features;
        using var projection = product.sum(1, keepdim: true);
        using var unconditional = toLogit.forward(features);
        return unconditional + projection;
    }
}
