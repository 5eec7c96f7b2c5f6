using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// What <see cref="MlpGenerator.SampleImages"/> and <see cref="DcganGenerator.SampleImages"/> share: drawing images from
/// a trained generator the way they are measured and shown.
/// </summary>
internal static class GeneratorSampling
{
    /// <summary>
    /// Runs <paramref name="generator"/> in evaluation mode without gradients on <paramref name="n"/> noise vectors of
    /// length <paramref name="zDim"/> from a generator seeded with <paramref name="seed"/>, maps tanh outputs to [0, 1]
    /// and restores the module's training mode.
    /// </summary>
    internal static Tensor Draw(nn.Module<Tensor, Tensor> generator, int zDim, OutputActivation output, int n, int seed)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n (the number of images to draw) must be at least 1.");
        var device = generator.parameters().First().device;
        using var rng = new Generator((ulong)seed, device);
        bool wasTraining = generator.training;
        generator.eval();
        try
        {
            using var _ = no_grad();
            using var z = Noise.Sample(n, zDim, device, rng);
            using var images = generator.forward(z);
            if (output == OutputActivation.Sigmoid) return images.alias();
            using Scalar one = 1.0.ToScalar(), half = 0.5.ToScalar();   // held, not temporary (see Layers)
            return images.add(one).mul_(half);
        }
        finally
        {
            generator.train(wasTraining);
        }
    }
}
