using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Models;

public class MnistClassifierTests
{
    [Fact]
    public void ShapesOfLogitsFeaturesAndBatchedHelpers()
    {
        using var scope = NewDisposeScope();
        using var model = new MnistClassifier();
        using var g = new Generator(1);
        var x = rand([5, 1, 28, 28], generator: g);
        Assert.Equal(new long[] { 5, 10 }, model.forward(x).shape);
        Assert.Equal(new long[] { 5, MnistClassifier.FeatureSize }, model.Features(x).shape);
        // [N, 784] and [N, 28, 28] mean the same images.
        Assert.True(model.forward(x.reshape(5, 784)).allclose(model.forward(x)));
        Assert.True(model.forward(x.reshape(5, 28, 28)).allclose(model.forward(x)));
        // Batched helpers equal one big forward pass, whatever the batch size.
        var probabilities = model.Probabilities(x, batchSize: 2);
        Assert.True(probabilities.allclose(nn.functional.softmax(model.forward(x), 1), rtol: 1e-5, atol: 1e-6));
        Assert.True(probabilities.sum(1).allclose(ones(5)));
        Assert.True(model.ExtractFeatures(x, batchSize: 3).allclose(model.Features(x), rtol: 1e-5, atol: 1e-6));
        Assert.Equal(model.forward(x).argmax(1).data<long>().ToArray(), model.Predict(x, batchSize: 4).data<long>().ToArray());
        Assert.True(model.Features(x).min().item<float>() >= 0); // after ReLU
    }

    [Fact]
    public void RejectsWrongShapesScalesAndDtypesWithClearMessages()
    {
        using var scope = NewDisposeScope();
        using var model = new MnistClassifier();
        var e1 = Assert.Throws<ArgumentException>(() => model.forward(full(2, 3, 28, 28, 0.5f)));
        Assert.Contains("[2, 3, 28, 28]", e1.Message);
        Assert.Contains("[N, 1, 28, 28], [N, 28, 28] or [N, 784]", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => model.Probabilities(full(4, 784, -0.7f)));
        Assert.Contains("pass (x + 1) / 2", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => model.Predict(full(4, 784, 200f)));
        Assert.Contains("expects pixels in [0, 1]", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => model.forward(zeros(2, 784, dtype: ScalarType.Float64)));
        Assert.Contains("float32", e4.Message);
        var e5 = Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(zeros(2, 784), batchSize: 0));
        Assert.Contains("batchSize", e5.Message);
    }

    [Fact]
    public void TrainingLearnsSyntheticClassesAndAccuracyIsCorrect()
    {
        using var scope = NewDisposeScope();
        var model = SyntheticDigits.TrainedClassifier();
        var (x, y) = SyntheticDigits.Make(500, seed: 2);
        double accuracy = ClassifierTraining.Accuracy(model, x, y);
        Assert.True(accuracy > 0.95, $"accuracy {accuracy}");
        // Accuracy against an independent count.
        var predicted = model.Predict(x).data<long>().ToArray();
        var labels = y.data<long>().ToArray();
        Assert.Equal(predicted.Zip(labels).Count(p => p.First == p.Second) / 500.0, accuracy, 12);
        // Wrong labels lower the accuracy by exactly the flipped share.
        var shifted = (y + 1).remainder(10);
        Assert.Equal(predicted.Zip(labels).Count(p => p.First == (p.Second + 1) % 10) / 500.0,
            ClassifierTraining.Accuracy(model, x, shifted), 12);
    }

    [Fact]
    public void TrainingReportsProgressLossesAndIsReproducible()
    {
        using var scope = NewDisposeScope();
        var (x, y) = SyntheticDigits.Make(256, seed: 4);
        var reports = new List<ClassifierProgress>();
        using var initial = new MnistClassifier();
        float[] Run(IProgress<ClassifierProgress>? progress)
        {
            using var model = new MnistClassifier();
            using (no_grad())
                foreach (var (from, to) in initial.parameters().Zip(model.parameters())) to.copy_(from);
            var report = ClassifierTraining.Train(model, x, y, epochs: 2, batch: 32, lr: 1e-3, seed: 5, progress);
            Assert.Equal(2, report.EpochLosses.Count);
            Assert.True(report.EpochLosses[1] < report.EpochLosses[0], string.Join(", ", report.EpochLosses));
            return model.forward(x.narrow(0, 0, 3)).data<float>().ToArray();
        }
        var a = Run(new SyncProgress<ClassifierProgress>(reports.Add));
        var b = Run(null);
        Assert.Equal(a, b);
        // 8 steps per epoch: reported at the end of each epoch (steps are reported every 20 and at the end).
        Assert.Equal(new[] { (1, 8), (2, 8) }, reports.Select(r => (r.Epoch, r.Step)).ToArray());
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public void TrainingRejectsBadLabels()
    {
        using var scope = NewDisposeScope();
        using var model = new MnistClassifier();
        var x = zeros(4, 1, 28, 28);
        var e1 = Assert.Throws<ArgumentException>(() => ClassifierTraining.Train(model, x, tensor(new long[] { 0, 1, 2 })));
        Assert.Contains("one class index per image", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => ClassifierTraining.Train(model, x, tensor(new long[] { 0, 1, 2, 10 })));
        Assert.Contains("[0, 9]", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => ClassifierTraining.Accuracy(model, x, tensor(new float[] { 0, 1, 2, 3 })));
        Assert.Contains("int64", e3.Message);
    }

    [Fact]
    public void SaveAndLoadRoundTrip()
    {
        using var scope = NewDisposeScope();
        string path = Path.Combine(Path.GetTempPath(), $"gancourse-classifier-{Guid.NewGuid():N}.bin");
        try
        {
            var model = SyntheticDigits.TrainedClassifier();
            model.save(path);
            using var copy = new MnistClassifier();
            copy.load(path);
            var x = SyntheticDigits.Make(8, seed: 9).Images;
            Assert.Equal(model.forward(x).data<float>().ToArray(), copy.forward(x).data<float>().ToArray());
        }
        finally { File.Delete(path); }
    }

    /// <summary>IProgress that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
