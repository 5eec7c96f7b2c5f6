using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse.Tests.Models;

/// <summary>
/// A 10-class stand-in for MNIST that a classifier learns in a second: class k is a bright 6x6 square at its own
/// place on a 5x2 layout, over uniform noise in [0, 0.3]. Pixels in [0, 1], [n, 1, 28, 28].
/// </summary>
static class SyntheticDigits
{
    public static (Tensor Images, Tensor Labels) Make(int n, int seed, int? onlyClass = null)
    {
        using var generator = new Generator((ulong)seed);
        var labels = onlyClass is { } k ? full(n, k, ScalarType.Int64) : randint(0, 10, [n], generator: generator);
        var images = rand([n, 1, 28, 28], generator: generator) * 0.3f;
        var classes = labels.data<long>().ToArray();
        for (int i = 0; i < n; i++)
        {
            int c = (int)classes[i];
            int top = 3 + (c / 5) * 13, left = 1 + (c % 5) * 5;
            images[i, 0, TensorIndex.Slice(top, top + 6), TensorIndex.Slice(left, left + 6)] = tensor(1f);
        }
        return (images, labels);
    }

    /// <summary>A classifier trained on 2,000 synthetic digits (≈1 s).</summary>
    public static MnistClassifier TrainedClassifier()
    {
        lock (Gate)
        {
            if (cached != null) return cached;
            var (x, y) = Make(2000, seed: 1);
            var model = new MnistClassifier(); // weights from torch's global generator: tests run in parallel, so not seeded
            ClassifierTraining.Train(model, x, y, epochs: 1, batch: 32, lr: 2e-3, seed: 0);
            return cached = model;
        }
    }

    static readonly object Gate = new();
    static MnistClassifier? cached;
}
