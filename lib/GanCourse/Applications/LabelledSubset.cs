using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The few labelled images of a semi-supervised experiment: <see cref="PerClass"/> images of each class, drawn from a
/// dataset by a seeded shuffle (the same seed gives the same images). Everything else counts as unlabelled.
/// </summary>
/// <remarks>Introduced in notebook 10.</remarks>
public sealed class LabelledSubset : IDisposable
{
    LabelledSubset(Tensor images, Tensor labels, int perClass, int seed)
    {
        Images = images;
        Labels = labels;
        PerClass = perClass;
        Seed = seed;
    }

    /// <summary>The labelled images, flat [classes · perClass, pixels], grouped by class.</summary>
    public Tensor Images { get; }

    /// <summary>Their class indices [classes · perClass] (int64).</summary>
    public Tensor Labels { get; }

    /// <summary>Images per class.</summary>
    public int PerClass { get; }

    /// <summary>The seed of the shuffle that picked them.</summary>
    public int Seed { get; }

    /// <summary>Number of labelled images.</summary>
    public int Count => (int)Labels.shape[0];

    /// <summary>
    /// Picks the first <paramref name="perClass"/> images of every class in an order shuffled with
    /// <paramref name="seed"/> (Salimans et al. pick their labelled MNIST images the same way).
    /// </summary>
    public static LabelledSubset Balanced(ImageDataset dataset, int perClass, int seed)
    {
        Require.NotNull(dataset, nameof(dataset));
        Require.AtLeastOne(perClass, nameof(perClass), "images per class");
        int classes = dataset.ClassCounts.Length;
        int fewest = dataset.ClassCounts.Min();
        if (perClass > fewest)
            throw new ArgumentOutOfRangeException(nameof(perClass), perClass,
                $"{dataset.Name} has only {fewest} images in its smallest class: ask for at most that many per class.");
        var order = Enumerable.Range(0, dataset.Count).ToArray();
        new Random(seed).Shuffle(order);
        long[] labels = dataset.Labels.to_type(ScalarType.Int64).data<long>().ToArray();
        long[] chosen = Enumerable.Range(0, classes)
            .SelectMany(c => order.Where(i => labels[i] == c).Take(perClass).Select(i => (long)i)).ToArray();
        using var index = tensor(chosen);
        var images = dataset.Flat.index_select(0, index).DetachFromDisposeScope();
        var picked = dataset.Labels.index_select(0, index).to_type(ScalarType.Int64).DetachFromDisposeScope();
        return new LabelledSubset(images, picked, perClass, seed);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Count} labelled images ({PerClass} per class, seed {Seed})";

    /// <inheritdoc/>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
