using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The plain path's <see cref="IPlayerOptimizer"/> (<see cref="GanTrainerOptions.FastPath"/> = false): TorchSharp's
/// own <c>torch.optim.Adam</c> or <c>torch.optim.SGD</c> over the model's own parameters, exactly as notebook 01 writes
/// the loop by hand. Read this one to follow the trainer; Training/Fast holds the faster equivalent.
/// </summary>
/// <remarks>
/// The risk, and why the fast path is the default: TorchSharp 0.107's <c>optim.Adam.step</c> and <c>optim.SGD.step</c>
/// pass numbers such as β1 to libtorch as temporary <see cref="Scalar"/>s made by implicit conversion
/// (<c>exp_avg.mul_(beta1)</c>). Nothing keeps such a Scalar alive during the native call, so the finalizer thread can
/// free it while libtorch still reads it: under heavy CPU load the same defect stopped a course notebook after a few
/// hundred steps (in <c>nn.BatchNorm1d</c>, 8 failures in 484,430 calls with 6 busy processes on 2 cores; see
/// <see cref="Layers"/> and tools/Bench/README.md), and a freed β read as another number would change the update
/// silently. The fast path makes no temporary Scalars.
/// </remarks>
sealed class TorchOptimizer : IPlayerOptimizer
{
    readonly Parameter[] parameters;
    readonly OptimizerKind kind;
    readonly OptimizerHelper optimizer;
    long steps;

    public TorchOptimizer(nn.Module player, string name, OptimizerKind kind, double learningRate, double beta1, double beta2,
        double momentum)
    {
        parameters = [.. player.parameters()];
        if (parameters.Length == 0) throw new ArgumentException($"The {name} has no trainable parameters.");
        this.kind = kind;
        optimizer = kind == OptimizerKind.Adam
            ? optim.Adam(parameters, learningRate, beta1, beta2)
            : optim.SGD(parameters, learningRate, momentum);
    }

    /// <inheritdoc/>
    public void ZeroGrad() => optimizer.zero_grad();

    /// <inheritdoc/>
    public Tensor? Step(bool gradientNorm)
    {
        Tensor? norm = null;
        if (gradientNorm)
            using (no_grad())
                norm = stack(parameters.Select(p => p.grad is { } g ? g.square().sum() : zeros([], p.dtype, p.device))).sum().sqrt();
        optimizer.step();
        steps++;
        return norm;
    }

    /// <inheritdoc/>
    public void Write(BinaryWriter w)
    {
        using var scope = NewDisposeScope();
        w.Write((int)kind);
        w.Write(steps);
        w.Write(optimizer.ParamGroups.First().LearningRate);
        if (optimizer is Adam)
        {
            Concatenated(s => ((Adam.State)s).exp_avg).Save(w);
            Concatenated(s => ((Adam.State)s).exp_avg_sq).Save(w);
        }
        bool hasMomentum = optimizer is SGD && States().All(s => ((SGD.State)s).momentum_buffer is not null);
        w.Write(hasMomentum);
        if (hasMomentum) Concatenated(s => ((SGD.State)s).momentum_buffer).Save(w);
    }

    /// <inheritdoc/>
    public void Read(BinaryReader r, string player)
    {
        PlayerOptimizers.ReadKind(r, kind, player);
        steps = r.ReadInt64();
        r.ReadDouble(); // the learning rate it ran with; resuming uses this trainer's own
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        if (optimizer is Adam)
        {
            var firstMoment = Load(r);
            var secondMoment = Load(r);
            foreach (var (state, first, second) in States().Cast<Adam.State>().Zip(Split(firstMoment), Split(secondMoment)))
            {
                state.step = steps;
                state.exp_avg.copy_(first);
                state.exp_avg_sq.copy_(second);
            }
        }
        bool hasMomentum = r.ReadBoolean();
        var buffers = hasMomentum ? Split(Load(r)).ToArray() : null;
        if (optimizer is SGD)
            foreach (var (state, i) in States().Cast<SGD.State>().Select((s, i) => (s, i)))
            {
                state.momentum_buffer?.Dispose();
                state.momentum_buffer = buffers?[i].clone().DetachFromDisposeScope();
            }
    }

    IEnumerable<OptimizerState> States() => optimizer.state_dict().State;

    Tensor Concatenated(Func<OptimizerState, Tensor> part) => cat(States().Select(s => part(s).flatten()).ToArray());

    Tensor Load(BinaryReader r)
    {
        var all = zeros(parameters.Sum(p => p.numel()), parameters[0].dtype, parameters[0].device);
        all.Load(r);
        return all;
    }

    IEnumerable<Tensor> Split(Tensor all)
    {
        long offset = 0;
        foreach (var p in parameters)
        {
            yield return all.narrow(0, offset, p.numel()).view(p.shape);
            offset += p.numel();
        }
    }

    public void Dispose() => optimizer.Dispose();
}
