using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>Progress of <see cref="ClassifierTraining.Train"/>: epoch (1-based), step within the epoch, and the loss.</summary>
public sealed record ClassifierProgress(int Epoch, int Epochs, int Step, int StepsPerEpoch, double Loss)
{
    /// <summary>Fraction of the whole training done, in [0, 1].</summary>
    public double Fraction => ((Epoch - 1) * (double)StepsPerEpoch + Step) / ((double)Epochs * StepsPerEpoch);

    public override string ToString() => $"epoch {Epoch}/{Epochs} step {Step}/{StepsPerEpoch} loss {Loss:0.0000}";
}

/// <summary>What a classifier training run did: mean cross-entropy per epoch and the wall-clock time.</summary>
public sealed record ClassifierTrainingReport(IReadOnlyList<double> EpochLosses, TimeSpan Elapsed);

/// <summary>Trains and evaluates a <see cref="MnistClassifier"/> (cross-entropy, Adam, shuffled mini-batches).</summary>
/// <remarks>Introduced in notebook 08.</remarks>
public static class ClassifierTraining
{
    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="images"/> ([N, 1, 28, 28] float32 in [0, 1]) and
    /// <paramref name="labels"/> ([N] int64 class indices 0-9) with Adam. <paramref name="seed"/> fixes the order of
    /// the mini-batches. The learning rate decays linearly from <paramref name="lr"/> to 0 over the run. Progress is reported every 20 steps and at the end of each epoch.
    /// </summary>
    public static ClassifierTrainingReport Train(
        MnistClassifier model, Tensor images, Tensor labels,
        int epochs = 2, int batch = 64, double lr = 1e-3, int seed = 0, IProgress<ClassifierProgress>? progress = null)
    {
        Require.NotNull(model, nameof(model));
        CheckLabeledSet(images, labels);
        Require.AtLeastOne(epochs, nameof(epochs));
        Require.AtLeastOne(batch, nameof(batch));
        if (!(lr > 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "lr must be positive.");

        var clock = Stopwatch.StartNew();
        long n = images.shape[0];
        int steps = (int)((n + batch - 1) / batch);
        var generator = new Generator((ulong)seed);
        // The fast path's Adam (torch.optim.Adam's algorithm in one fused pass) rather than TorchSharp's optim.Adam,
        // whose step makes temporary Scalars the finalizer can free while libtorch reads them (see TorchOptimizer).
        using var optimizer = new FastOptimizer(new FlatParameters(model, "classifier"), OptimizerKind.Adam, lr, beta1: 0.9,
            beta2: 0.999, momentum: 0);
        var losses = new List<double>();
        model.train();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double sum = 0;
            using var order = randperm(n, generator: generator).to(images.device);
            for (int step = 0; step < steps; step++)
            {
                using var scope = NewDisposeScope();
                var index = order.narrow(0, (long)step * batch, System.Math.Min(batch, n - (long)step * batch));
                var x = images.index_select(0, index);
                var y = labels.index_select(0, index);
                double fraction = ((epoch - 1) * (double)steps + step) / ((double)epochs * steps);
                optimizer.LearningRate = lr * (1 - fraction);
                optimizer.ZeroGrad();
                var loss = nn.functional.cross_entropy(model.forward(x), y);
                loss.backward();
                optimizer.Step(gradientNorm: false);
                double value = loss.item<float>();
                if (!double.IsFinite(value))
                    throw new InvalidOperationException($"The classifier's loss became {value} at epoch {epoch}, step {step + 1}; lower lr (now {lr}).");
                sum += value;
                if (progress != null && ((step + 1) % 20 == 0 || step + 1 == steps))
                    progress.Report(new ClassifierProgress(epoch, epochs, step + 1, steps, value));
            }
            losses.Add(sum / steps);
        }
        model.eval();
        return new ClassifierTrainingReport(losses, clock.Elapsed);
    }

    /// <summary>Fraction of <paramref name="images"/> whose predicted class equals <paramref name="labels"/>, in [0, 1].</summary>
    public static double Accuracy(MnistClassifier model, Tensor images, Tensor labels)
    {
        Require.NotNull(model, nameof(model));
        CheckLabeledSet(images, labels);
        using var scope = NewDisposeScope();
        var predicted = model.Predict(images);
        return predicted.eq(labels).to_type(ScalarType.Float64).mean().item<double>();
    }

    static void CheckLabeledSet(Tensor images, Tensor labels)
    {
        MnistClassifier.CheckImages(images, nameof(images));
        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException(
                $"labels has shape [{string.Join(", ", labels.shape)}]; it must be [N] with N = {images.shape[0]}, one class index per image.", nameof(labels));
        if (labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels has dtype {labels.dtype}; class indices must be int64 (use labels.to_type(torch.int64)).", nameof(labels));
        long min = labels.min().item<long>(), max = labels.max().item<long>();
        if (min < 0 || max >= MnistClassifier.Classes)
            throw new ArgumentException($"labels range over [{min}, {max}]; class indices must lie in [0, {MnistClassifier.Classes - 1}].", nameof(labels));
    }
}
