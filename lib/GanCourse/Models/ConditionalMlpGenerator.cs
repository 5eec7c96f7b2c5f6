using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A conditional version of <see cref="MlpGenerator"/>: the class label, one-hot encoded, is concatenated to the
/// noise, so the first block sees [z, onehot(y)] of width zDim + classes. Inputs: noise [N, zDim] and integer
/// labels [N]; output flat images [N, imageDim] in (0, 1) with the default sigmoid, in (-1, 1) with a tanh.
/// </summary>
/// <remarks>Introduced in notebook 09.</remarks>
public sealed class ConditionalMlpGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly MlpGenerator generator;

    /// <summary>
    /// Builds the generator for <paramref name="classes"/> classes; <paramref name="output"/> is the squashing function
    /// at the end (the lecture's sigmoid, or tanh for data in [-1, 1]).
    /// </summary>
    public ConditionalMlpGenerator(int zDim = 64, int classes = 10, int imageDim = 784, int hidden = 128,
        OutputActivation output = OutputActivation.Sigmoid)
        : base(nameof(ConditionalMlpGenerator))
    {
        Require.AtLeastOne(zDim, nameof(zDim));
        Require.AtLeastOne(classes, nameof(classes));
        ZDim = zDim;
        Classes = classes;
        ImageDim = imageDim;
        generator = new MlpGenerator(zDim + classes, imageDim, hidden, output);
        RegisterComponents();
    }

    /// <summary>Length of the noise vector (without the label).</summary>
    public int ZDim { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of pixels of one generated image.</summary>
    public int ImageDim { get; }

    /// <summary>The output squashing function: Sigmoid (pixels in (0, 1)) or Tanh (pixels in (-1, 1)).</summary>
    public OutputActivation Output => generator.Output;

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

    /// <summary>
    /// The images the trained generator makes for <paramref name="noise"/> [N, zDim] and <paramref name="labels"/> [N]:
    /// batch norm in evaluation mode (its running statistics), no gradients, pixels mapped to [0, 1] whatever
    /// <see cref="Output"/> is, ready for a classifier or a plot. Returns [N, imageDim]; the module's training mode is
    /// restored afterwards.
    /// </summary>
    public Tensor Draw(Tensor noise, Tensor labels)
    {
        bool wasTraining = training;
        eval();
        try
        {
            using var _ = no_grad();
            using var images = forward(noise, labels);
            if (Output == OutputActivation.Sigmoid) return images.alias();
            using Scalar one = 1.0.ToScalar(), half = 0.5.ToScalar();   // held, not temporary (see Layers)
            return images.add(one).mul_(half);
        }
        finally
        {
            train(wasTraining);
        }
    }

    /// <summary>
    /// <see cref="Draw"/> for <paramref name="labels"/> [N] with fresh noise from a generator seeded with
    /// <paramref name="seed"/> (the same seed gives the same images).
    /// </summary>
    public Tensor SampleImages(Tensor labels, int seed)
    {
        Require.NotNull(labels, nameof(labels));
        if (labels.dim() != 1 || labels.size(0) < 1)
            throw new ArgumentException($"labels must be a 1-D tensor of at least one class index; got shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        var device = generator.parameters().First().device;
        using var rng = new Generator((ulong)seed, device);
        using var z = Noise.Sample((int)labels.size(0), ZDim, device, rng);
        return Draw(z, labels);
    }
}
