using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The fast path's <see cref="IPlayerOptimizer"/>: Adam or SGD over one player's <see cref="FlatParameters"/>, the
/// update of all parameters at once, a handful of tensor operations per step (on the CPU one fused pass). Adam follows torch.optim.Adam (Kingma and Ba's algorithm with bias correction, no
/// weight decay, ε = 1e-8): m ← lerp(m, g, 1-β1), v ← β2·v + (1-β2)·g², θ ← θ - lr/(1-β1ᵗ) · m / (√v/√(1-β2ᵗ) + ε),
/// with the √(1-β2ᵗ) folded into the step size; on the CPU in one fused pass (<see cref="FusedAdam"/>). SGD follows
/// torch.optim.SGD (momentum buffer = g at the first step). Owns its <see cref="FlatParameters"/>.
/// </summary>
sealed class FastOptimizer : IPlayerOptimizer
{
    const double Epsilon = 1e-8;

    readonly FlatParameters flat;
    readonly OptimizerKind kind;
    readonly double beta1, beta2, momentum;
    readonly Tensor? firstMoment, secondMoment, lerpWeight;
    readonly bool fused;
    Tensor? momentumBuffer;

    public FastOptimizer(FlatParameters flat, OptimizerKind kind, double learningRate, double beta1, double beta2, double momentum,
        bool useFusedKernel = true)
    {
        this.flat = flat;
        this.kind = kind;
        LearningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.momentum = momentum;
        if (kind == OptimizerKind.Adam)
        {
            using var keep = NewDisposeScope();
            firstMoment = zeros_like(flat.Values);
            secondMoment = zeros_like(flat.Values);
            lerpWeight = tensor(1 - beta1, flat.Values.dtype, flat.Values.device);
            keep.Detach(firstMoment, secondMoment, lerpWeight);
            fused = useFusedKernel && FusedAdam.Supports(flat.Values);
        }
    }

    /// <summary>The learning rate of the next steps (the classifier's training decays it).</summary>
    public double LearningRate { get; set; }

    /// <summary>Updates made so far.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// Zeroes the flat gradient buffer, after making each parameter's gradient its view of it again (someone may have
    /// called the module's zero_grad(), which sets gradients to None).
    /// </summary>
    public void ZeroGrad()
    {
        flat.AttachGradients();
        flat.ZeroGradients();
    }

    /// <inheritdoc/>
    public Tensor? Step(bool gradientNorm)
    {
        using var _ = no_grad();
        Steps++;
        Tensor p = flat.Values, g = flat.Gradients;
        if (kind == OptimizerKind.Adam)
        {
            double correction1 = 1 - Math.Pow(beta1, Steps), root2 = Math.Sqrt(1 - Math.Pow(beta2, Steps));
            double stepSize = LearningRate * root2 / correction1, epsilon = Epsilon * root2;
            if (fused)
            {
                double squares = FusedAdam.Step(p, g, firstMoment!, secondMoment!, (float)(1 - beta1), (float)beta2,
                    (float)stepSize, (float)epsilon);
                return gradientNorm ? tensor((float)Math.Sqrt(squares)) : null;
            }
            var norm = gradientNorm ? g.norm() : null;
            using var scope = NewDisposeScope();
            // Scalars held in variables until the end of the step: a temporary one can be freed by the finalizer
            // while libtorch still reads it (see Layers).
            using Scalar decay = beta2.ToScalar(), weight = (1 - beta2).ToScalar(), eps = epsilon.ToScalar(),
                step = (-stepSize).ToScalar();
            firstMoment!.lerp_(g, lerpWeight!);
            secondMoment!.mul_(decay).addcmul_(g, g, weight);
            var denominator = secondMoment.sqrt().add_(eps);
            p.addcdiv_(firstMoment, denominator, step);
            return norm;
        }
        var sgdNorm = gradientNorm ? g.norm() : null;
        using var sgdScope = NewDisposeScope();
        using Scalar descent = (-LearningRate).ToScalar();
        if (momentum == 0)
        {
            p.add_(g, descent);
        }
        else
        {
            using Scalar keep = momentum.ToScalar(), one = 1.ToScalar();
            if (momentumBuffer is null) momentumBuffer = g.clone().DetachFromDisposeScope();
            else momentumBuffer.mul_(keep).add_(g, one);
            p.add_(momentumBuffer, descent);
        }
        return sgdNorm;
    }

    /// <inheritdoc/>
    public void Write(BinaryWriter w)
    {
        w.Write((int)kind);
        w.Write(Steps);
        w.Write(LearningRate);
        if (kind == OptimizerKind.Adam)
        {
            firstMoment!.Save(w);
            secondMoment!.Save(w);
        }
        w.Write(momentumBuffer is not null);
        momentumBuffer?.Save(w);
    }

    /// <inheritdoc/>
    public void Read(BinaryReader r, string player)
    {
        PlayerOptimizers.ReadKind(r, kind, player);
        Steps = r.ReadInt64();
        r.ReadDouble(); // the learning rate it ran with; resuming uses this trainer's own
        using var _ = no_grad();
        if (kind == OptimizerKind.Adam)
        {
            firstMoment!.Load(r);
            secondMoment!.Load(r);
        }
        momentumBuffer?.Dispose();
        momentumBuffer = null;
        if (r.ReadBoolean())
        {
            using var keep = NewDisposeScope();
            momentumBuffer = zeros_like(flat.Values);
            momentumBuffer.Load(r);
            keep.Detach(momentumBuffer);
        }
    }

    public void Dispose()
    {
        flat.Dispose();
        firstMoment?.Dispose();
        secondMoment?.Dispose();
        lerpWeight?.Dispose();
        momentumBuffer?.Dispose();
    }
}
