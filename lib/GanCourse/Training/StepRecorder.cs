using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Keeps what each training step measured (the losses, mean D(x), mean D(G(z)), the gradient norms) as small tensors
/// and reads them into a <see cref="TrainingHistory"/> in one go every few steps, so training does not wait for the
/// device at every step.
/// </summary>
sealed class StepRecorder(int k) : IDisposable
{
    readonly List<Tensor> pending = [];
    // Made once: an implicit double → Scalar conversion makes a temporary that the finalizer may free too early (see Layers).
    readonly Scalar inverseK = (1.0 / k).ToScalar();
    Tensor? dLossSum, realScoreSum, fakeScoreSum, dNorm;

    /// <summary>Steps measured but not yet in the history.</summary>
    public int Pending => pending.Count;

    /// <summary>Adds one of the step's k discriminator updates (tensors of the step's dispose scope).</summary>
    public void Discriminator(Tensor loss, Tensor realLogits, Tensor fakeLogits, Tensor? gradientNorm)
    {
        using var _ = no_grad();
        Tensor d = loss.detach(), r = realLogits.sigmoid().mean(), f = fakeLogits.sigmoid().mean();
        dLossSum = dLossSum is null ? d : dLossSum + d;
        realScoreSum = realScoreSum is null ? r : realScoreSum + r;
        fakeScoreSum = fakeScoreSum is null ? f : fakeScoreSum + f;
        dNorm = gradientNorm ?? dNorm;
    }

    /// <summary>Completes the step with its generator update: its record is the means over the k D updates and G's values.</summary>
    public void Generator(Tensor loss, Tensor? gradientNorm)
    {
        using (no_grad())
        {
            Tensor zero = zeros([], ScalarType.Float32, loss.device);
            var row = stack([Mean(dLossSum!), loss.detach(), Mean(realScoreSum!), Mean(fakeScoreSum!), dNorm ?? zero, gradientNorm ?? zero])
                .to(ScalarType.Float32);
            pending.Add(row.DetachFromDisposeScope());
        }
        dLossSum = realScoreSum = fakeScoreSum = dNorm = null;
    }

    Tensor Mean(Tensor sumOverK) => k == 1 ? sumOverK : sumOverK * inverseK;

    /// <summary>Appends the pending records to <paramref name="history"/>.</summary>
    public void MoveTo(TrainingHistory history)
    {
        if (pending.Count == 0) return;
        float[] values;
        using (var scope = NewDisposeScope())
            values = stack(pending).cpu().data<float>().ToArray();
        Clear();
        ReleaseFinalizedNativeObjects();
        for (int row = 0; row < values.Length / TrainingHistory.Quantities.Count; row++)
            history.Append(values.AsSpan(row * TrainingHistory.Quantities.Count, TrainingHistory.Quantities.Count));
    }

    /// <summary>Drops the pending records (e.g. when a checkpoint replaces the history).</summary>
    public void Clear()
    {
        foreach (var t in pending) t.Dispose();
        pending.Clear();
    }

    /// <summary>
    /// TorchSharp frees some native objects (e.g. Scalars made from numbers by implicit conversion, inside modules
    /// too) only in finalizers, and the .NET heap stays too small to trigger a collection for a long time. Those
    /// small objects, left between the large tensor buffers of each step, fragment the native heap: RSS then grows
    /// by about 0.5 MB per step of the lecture's GAN (measured; see tools/Bench/README.md). A young-generation
    /// collection at every report, a millisecond or so, keeps RSS flat.
    /// </summary>
    static void ReleaseFinalizedNativeObjects()
    {
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
    }

    public void Dispose()
    {
        Clear();
        inverseK.Dispose();
    }
}
