using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// How often a conditional generator draws the class it is asked for, judged by a classifier: for each class,
/// <see cref="Asked"/> samples were asked for it and <see cref="Obeyed"/> of them were read as it.
/// </summary>
/// <remarks>Introduced in notebook 09.</remarks>
public sealed record AskedDigitAccuracy(IReadOnlyList<long> Asked, IReadOnlyList<long> Obeyed)
{
    /// <summary>Share of each class's samples read as that class, in [0, 1].</summary>
    public IReadOnlyList<double> PerClass => Asked.Select((n, c) => (double)Obeyed[c] / n).ToArray();

    /// <summary>Share of all samples read as the class they were asked for, in [0, 1].</summary>
    public double Overall => (double)Obeyed.Sum() / Asked.Sum();

    /// <summary>The class drawn worst.</summary>
    public int WorstClass => Enumerable.Range(0, Asked.Count).MinBy(c => PerClass[c]);

    /// <summary>
    /// Asks <paramref name="generator"/> for <paramref name="perClass"/> samples of every class (fresh noise seeded with
    /// <paramref name="seed"/>, see <see cref="ConditionalMlpGenerator.SampleImages"/>) and lets
    /// <paramref name="classifier"/> read them.
    /// </summary>
    public static AskedDigitAccuracy Of(MnistClassifier classifier, ConditionalMlpGenerator generator, int perClass, int seed)
    {
        Require.NotNull(classifier, nameof(classifier));
        Require.NotNull(generator, nameof(generator));
        Require.AtLeastOne(perClass, nameof(perClass), "samples asked for each class");
        using var scope = NewDisposeScope();
        var labels = arange(generator.Classes * (long)perClass, ScalarType.Int64).remainder(generator.Classes);
        return Of(classifier, generator.SampleImages(labels, seed), labels, generator.Classes);
    }

    /// <summary>
    /// Lets <paramref name="classifier"/> read <paramref name="images"/> (pixels in [0, 1]) that were asked to show
    /// <paramref name="labels"/> [N] (class indices in 0..classes-1) and counts, per class, how many it reads as asked.
    /// </summary>
    public static AskedDigitAccuracy Of(MnistClassifier classifier, Tensor images, Tensor labels, int classes = MnistClassifier.Classes)
    {
        Require.NotNull(classifier, nameof(classifier));
        Require.NotNull(images, nameof(images));
        Require.Labels(labels, images.size(0), classes, nameof(AskedDigitAccuracy));
        using var scope = NewDisposeScope();
        var asked = labels.to(ScalarType.Int64).cpu();
        var read = classifier.Predict(images).cpu();
        var askedCounts = asked.bincount(null, classes).data<long>().ToArray();
        var obeyedCounts = asked.masked_select(read.eq(asked)).bincount(null, classes).data<long>().ToArray();
        if (askedCounts.Any(n => n == 0))
            throw new ArgumentException(
                $"labels must ask for every class 0..{classes - 1} at least once; class {Array.IndexOf(askedCounts, 0L)} is never asked for.",
                nameof(labels));
        return new AskedDigitAccuracy(askedCounts, obeyedCounts);
    }

    /// <summary>One line: the overall share and each class's share, e.g. "93.1 % overall; per digit 0: 99 %, ...".</summary>
    public override string ToString() =>
        $"{Overall * 100:0.0} % overall; per digit " +
        string.Join(", ", PerClass.Select((p, c) => $"{c}: {p * 100:0} %"));
}
