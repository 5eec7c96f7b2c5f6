using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// A small CNN that classifies 28x28 grayscale digits or clothes (MNIST / Fashion-MNIST) and serves the metrics as a
/// feature extractor:
/// <c>Conv(1→16, 3x3) → ReLU → MaxPool 2 → Conv(16→32, 3x3) → ReLU → MaxPool 2 → Linear(1568→128) → ReLU</c>
/// gives the 128-D <see cref="Features"/>, and <c>Linear(128→10)</c> the logits.
/// Input: images with pixels in [0, 1], shaped [N, 1, 28, 28], [N, 28, 28] or [N, 784].
/// </summary>
public sealed class MnistClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>Number of classes (both datasets have ten).</summary>
    public const int Classes = 10;

    /// <summary>Width of the penultimate layer, the feature space of the Frechet distance.</summary>
    public const int FeatureSize = 128;

    // MNIST's pixel mean and standard deviation: standardised inputs make the short training converge faster.
    const double PixelMean = 0.1307, PixelStd = 0.3081;

    readonly Conv2d conv1;
    readonly Conv2d conv2;
    readonly Linear hidden;
    readonly Linear output;

    /// <summary>A classifier with freshly initialised weights (seed torch first for reproducible weights).</summary>
    public MnistClassifier() : base(nameof(MnistClassifier))
    {
        conv1 = nn.Conv2d(1, 16, 3, padding: 1);
        conv2 = nn.Conv2d(16, 32, 3, padding: 1);
        hidden = nn.Linear(32 * 7 * 7, FeatureSize);
        output = nn.Linear(FeatureSize, Classes);
        RegisterComponents();
    }

    /// <summary>The 10 class logits for a batch of images.</summary>
    public override Tensor forward(Tensor images)
    {
        using var features = Features(images);
        return output.forward(features);
    }

    /// <summary>The 128-D penultimate-layer features (after ReLU) for a batch of images, [N, 128].</summary>
    public Tensor Features(Tensor images)
    {
        using var scope = NewDisposeScope();
        var x = (AsImageBatch(images, nameof(images)) - PixelMean) / PixelStd;
        x = nn.functional.max_pool2d(nn.functional.relu(conv1.forward(x)), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(conv2.forward(x)), 2);
        x = nn.functional.relu(hidden.forward(x.flatten(1)));
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Class probabilities (softmax of the logits), [N, 10], computed in batches without gradients.</summary>
    public Tensor Probabilities(Tensor images, int batchSize = 1000) =>
        Batched(images, batchSize, x => nn.functional.softmax(forward(x), 1));

    /// <summary>Penultimate-layer features, [N, 128], computed in batches without gradients.</summary>
    public Tensor ExtractFeatures(Tensor images, int batchSize = 1000) => Batched(images, batchSize, Features);

    /// <summary>Predicted class index per image, [N] int64.</summary>
    public Tensor Predict(Tensor images, int batchSize = 1000) => Batched(images, batchSize, x => forward(x).argmax(1));

    Tensor Batched(Tensor images, int batchSize, Func<Tensor, Tensor> f)
    {
        Require.AtLeastOne(batchSize, nameof(batchSize));
        CheckImages(images, nameof(images));
        bool wasTraining = training;
        eval();
        try
        {
            using var noGrad = no_grad();
            long n = images.shape[0];
            var parts = new List<Tensor>();
            using var scope = NewDisposeScope();
            for (long start = 0; start < n; start += batchSize)
            {
                using var batch = images.narrow(0, start, System.Math.Min(batchSize, n - start));
                parts.Add(f(batch));
            }
            var all = parts.Count == 1 ? parts[0] : cat(parts, 0);
            return all.MoveToOuterDisposeScope();
        }
        finally { train(wasTraining); }
    }

    static Tensor AsImageBatch(Tensor images, string name)
    {
        CheckShape(images, name);
        return images.dim() == 4 ? images.alias() : images.reshape(-1, 1, 28, 28);
    }

    static void CheckShape(Tensor images, string name)
    {
        bool ok = images.dim() switch
        {
            4 => images.shape[1] == 1 && images.shape[2] == 28 && images.shape[3] == 28,
            3 => images.shape[1] == 28 && images.shape[2] == 28,
            2 => images.shape[1] == 784,
            _ => false,
        };
        if (!ok)
            throw new ArgumentException(
                $"{name} has shape [{string.Join(", ", images.shape)}]; the classifier takes 28x28 grayscale images shaped " +
                "[N, 1, 28, 28], [N, 28, 28] or [N, 784].", name);
        if (images.dtype != ScalarType.Float32)
            throw new ArgumentException($"{name} has dtype {images.dtype}; the classifier takes float32 pixels (use images.to_type(torch.float32)).", name);
    }

    /// <summary>
    /// Checks shape, dtype and pixel scale of a whole image set: the classifier expects [0, 1]; images from a tanh
    /// generator in [-1, 1] must be mapped back first.
    /// </summary>
    internal static void CheckImages(Tensor images, string name)
    {
        CheckShape(images, name);
        if (images.shape[0] == 0) throw new ArgumentException($"{name} is empty; pass at least one image.", name);
        double min = images.min().item<float>(), max = images.max().item<float>();
        if (double.IsNaN(min) || double.IsNaN(max))
            throw new ArgumentException($"{name} contains NaN pixels.", name);
        if (min < -0.05 || max > 1.05)
            throw new ArgumentException(
                $"{name} has pixels in [{min:0.###}, {max:0.###}]; the classifier expects pixels in [0, 1]" +
                (min < -0.05 && max <= 1.05 ? " (images from a tanh generator in [-1, 1]: pass (x + 1) / 2)." : "."), name);
    }
}
