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

    /// <summary>A classifier trained in this process on 2,000 synthetic digits (≈1 s on a quiet machine).</summary>
    public static MnistClassifier TrainedClassifier()
    {
        lock (Gate)
        {
            if (trained != null) return trained;
            var (x, y) = Make(TrainingImages, TrainingSeed);
            var model = new MnistClassifier(); // weights from torch's global generator: tests run in parallel, so not seeded
            ClassifierTraining.Train(model, x, y, epochs: 1, Batch, LearningRate, seed: 0);
            return trained = model;
        }
    }

    /// <summary>
    /// A classifier trained on the same synthetic digits, but once per build of the library and kept in a file
    /// (<see cref="ClassifierCache"/>, keyed by the library's module version id, so a rebuilt library retrains it).
    /// For tests of the metrics, which need a classifier that reads these digits, not a training: a mutation pass
    /// starts one test process per mutant and would otherwise spend most of its time retraining.
    /// </summary>
    public static MnistClassifier CachedClassifier()
    {
        lock (Gate)
        {
            var build = typeof(MnistClassifier).Assembly.ManifestModule.ModuleVersionId;
            string path = Path.Combine(Path.GetTempPath(), "gancourse-tests", $"synthetic-digits-classifier-{build:N}.bin");
            return cached ??= ClassifierCache.GetOrTrain(path, () => Make(TrainingImages, TrainingSeed), epochs: 1, Batch, LearningRate);
        }
    }

    const int TrainingImages = 2000, TrainingSeed = 1, Batch = 32;
    const double LearningRate = 2e-3;
    static readonly object Gate = new();
    static MnistClassifier? trained, cached;
}
