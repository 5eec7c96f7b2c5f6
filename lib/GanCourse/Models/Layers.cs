using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The layers of the course's models that TorchSharp would otherwise run with a temporary <see cref="Scalar"/> on
/// every forward pass. TorchSharp 0.107's <c>nn.BatchNorm1d/2d</c> run <c>num_batches_tracked.add_(1)</c> (two
/// temporary Scalars) and <c>nn.LeakyReLU</c> converts its slope to a Scalar at each call. Such a Scalar is freed by
/// the finalizer thread, and nothing keeps it alive while libtorch reads it, so a garbage collection at the wrong moment
/// hands libtorch freed memory. On a loaded 2-core machine this stopped a course notebook after a few hundred
/// training steps with "For integral input tensors, argument alpha must not be a floating point number"; a slope read
/// from freed memory would instead change the model silently. These layers compute the same functions without a
/// temporary Scalar. Every course model uses them (a test checks), whichever training path runs: they are a
/// correctness fix, not speed machinery (see Training/Fast/README.md).
/// </summary>
/// <remarks>Introduced in notebook 06b.</remarks>
public static class Layers
{
    /// <summary>
    /// <c>nn.BatchNorm1d</c> without its <c>num_batches_tracked</c> counter. The counter only matters when momentum is
    /// unset (a cumulative average); with the default momentum 0.1 the running statistics update exactly as before.
    /// </summary>
    public static BatchNorm1d BatchNorm1d(long features)
    {
        var norm = nn.BatchNorm1d(features);
        norm.num_batches_tracked = null;
        return norm;
    }

    /// <summary><c>nn.BatchNorm2d</c> without its <c>num_batches_tracked</c> counter (see <see cref="BatchNorm1d"/>).</summary>
    public static BatchNorm2d BatchNorm2d(long features)
    {
        var norm = nn.BatchNorm2d(features);
        norm.num_batches_tracked = null;
        return norm;
    }

    /// <summary>LeakyReLU, max(x, slope·x), with its slope held as one Scalar for the layer's lifetime.</summary>
    public static FixedSlopeLeakyReLU LeakyReLU(double negativeSlope) => new(negativeSlope);
}
