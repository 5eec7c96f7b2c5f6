using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>The generator's input: standard normal noise z ~ N(0, I).</summary>
/// <remarks>Introduced in notebook 01.</remarks>
public static class Noise
{
    /// <summary>
    /// Samples <paramref name="n"/> noise vectors of length <paramref name="zDim"/>, shape [n, zDim], float32, from
    /// N(0, 1); from <paramref name="generator"/> when given, else from torch's global generator.
    /// </summary>
    public static Tensor Sample(int n, int zDim, Device? device = null, Generator? generator = null)
    {
        Require.AtLeastOne(n, nameof(n), "the number of noise vectors");
        Require.AtLeastOne(zDim, nameof(zDim));
        return randn(n, zDim, dtype: ScalarType.Float32, device: device, generator: generator);
    }
}
