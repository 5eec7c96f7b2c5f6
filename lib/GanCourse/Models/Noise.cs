using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>The generator's input: standard normal noise z ~ N(0, I).</summary>
public static class Noise
{
    /// <summary>
    /// Samples <paramref name="n"/> noise vectors of length <paramref name="zDim"/>, shape [n, zDim], float32, from
    /// N(0, 1); from <paramref name="generator"/> when given, else from torch's global generator.
    /// </summary>
    public static Tensor Sample(int n, int zDim, Device? device = null, Generator? generator = null)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n (the number of noise vectors) must be at least 1.");
        ModelChecks.Positive(zDim, nameof(zDim));
        return randn(n, zDim, dtype: ScalarType.Float32, device: device, generator: generator);
    }
}
