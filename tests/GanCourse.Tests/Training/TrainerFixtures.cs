using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse.Tests.Training;

/// <summary>Small models and data for trainer tests; each builder is deterministic in its seed.</summary>
static class TrainerFixtures
{
    /// <summary>A small version of the lecture's MLP GAN on 784-pixel synthetic digits.</summary>
    public static (MlpGenerator G, MlpDiscriminator D) SmallMlp(int seed, int zDim = 8, int hidden = 16)
    {
        torch.manual_seed(seed);
        return (new MlpGenerator(zDim, 784, hidden), new MlpDiscriminator(784, hidden));
    }

    /// <summary>1-D points from N(mean, std²), shape [n, 1].</summary>
    public static Tensor Gaussian1D(int n, double mean, double std, int seed)
    {
        using var g = new torch.Generator((ulong)seed);
        return (randn(n, 1, generator: g) * std + mean).DetachFromDisposeScope();
    }

    /// <summary>Copies every parameter and buffer of <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static void CopyWeights(nn.Module source, nn.Module target)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) source.save(w);
        ms.Position = 0;
        using var r = new BinaryReader(ms);
        target.load(r);
    }

    public static float[] Flatten(nn.Module m) =>
        m.state_dict().Values.SelectMany(t => t.to(ScalarType.Float32).data<float>().ToArray()).ToArray();

    public static string TempPath(string name) =>
        Path.Combine(Path.GetTempPath(), "gan-course-tests", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}.ckpt");
}

/// <summary>An IProgress that records reports synchronously (Progress&lt;T&gt; posts them to the thread pool).</summary>
sealed class RecordingProgress : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];
    public void Report(TrainingProgress value) => Reports.Add(value);
}
