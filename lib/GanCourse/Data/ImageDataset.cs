using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// One split of an image dataset as tensors: <see cref="Images"/> [N,1,28,28] float32, <see cref="Labels"/> [N] int64
/// and <see cref="Flat"/> [N,784] (a view of the images). Owns its tensors: dispose it when done.
/// </summary>
public sealed class ImageDataset : IDisposable
{
    internal ImageDataset(string name, Split split, Scaling scaling, Tensor images, Tensor labels, string[] classNames,
        int[] classCounts)
    {
        Name = name;
        Split = split;
        Scaling = scaling;
        Images = images;
        Labels = labels;
        ClassNames = classNames;
        ClassCounts = classCounts;
        Flat = images.view(images.shape[0], -1).DetachFromDisposeScope();
    }

    /// <summary>The dataset's display name ("MNIST", "Fashion-MNIST").</summary>
    public string Name { get; }

    /// <summary>Training or test set.</summary>
    public Split Split { get; }

    /// <summary>How the pixels were scaled.</summary>
    public Scaling Scaling { get; }

    /// <summary>The images, [N,1,28,28] float32, in [0,1] or [-1,1] depending on <see cref="Scaling"/>.</summary>
    public Tensor Images { get; }

    /// <summary>The class of each image, [N] int64, 0 to <c>ClassNames.Length - 1</c>.</summary>
    public Tensor Labels { get; }

    /// <summary>The images flattened to [N,784] (a view sharing <see cref="Images"/>' memory), as an MLP takes them.</summary>
    public Tensor Flat { get; }

    /// <summary>The name of each class (digits "0".."9", or Fashion-MNIST's "T-shirt/top", "Trouser", ...).</summary>
    public string[] ClassNames { get; }

    /// <summary>How many images each class has.</summary>
    public int[] ClassCounts { get; }

    /// <summary>Number of images.</summary>
    public int Count => (int)Images.shape[0];

    public override string ToString() =>
        $"{Name} {Split.ToString().ToLowerInvariant()}: {Count} images [{string.Join(",", Images.shape)}] float32 in " +
        $"{(Scaling == Scaling.ZeroOne ? "[0,1]" : "[-1,1]")}, {ClassNames.Length} classes";

    public void Dispose()
    {
        Flat.Dispose();
        Images.Dispose();
        Labels.Dispose();
    }
}
