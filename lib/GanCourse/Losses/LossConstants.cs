using TorchSharp;

namespace GanCourse;

/// <summary>
/// The numbers the losses multiply and shift by, as Scalars made once. Writing <c>0.5 * t</c> would make a temporary
/// Scalar per call, which the finalizer can free while libtorch still reads it (see <see cref="Layers"/>); the losses
/// run inside every training step. A correctness fix for both training paths, not speed machinery (see
/// Training/Fast/README.md).
/// </summary>
static class LossConstants
{
    public static readonly Scalar Half = 0.5.ToScalar();
    public static readonly Scalar One = 1.0.ToScalar();
}
