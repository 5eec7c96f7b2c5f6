using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The seam between <see cref="GanTrainer"/>'s loop and how one player's parameters are stored and updated. The loop
/// calls <see cref="ZeroGrad"/> before a player's backward pass and <see cref="Step"/> after it; a checkpoint holds
/// what <see cref="Write"/> writes. Two implementations, chosen by <see cref="GanTrainerOptions.FastPath"/>:
/// <see cref="TorchOptimizer"/>, the plain path (<c>torch.optim.Adam</c> / <c>SGD</c> on the model's own parameters),
/// and <see cref="FastOptimizer"/> in Training/Fast (one flat buffer per player, a fused Adam). They follow the same
/// trajectory up to float rounding and write the same checkpoint layout, so each resumes the other's checkpoints.
/// </summary>
interface IPlayerOptimizer : IDisposable
{
    /// <summary>Sets the player's gradients to zero.</summary>
    void ZeroGrad();

    /// <summary>
    /// Updates the parameters from their gradients. With <paramref name="gradientNorm"/>, returns the L2 norm of the
    /// player's whole gradient (before the update) as a scalar tensor in the caller's dispose scope; else null.
    /// </summary>
    Tensor? Step(bool gradientNorm);

    /// <summary>
    /// Writes the optimizer's state: its kind, the number of steps, the learning rate, Adam's two moments or SGD's
    /// momentum buffer, each as one tensor over all parameters in <c>named_parameters()</c> order.
    /// </summary>
    void Write(BinaryWriter writer);

    /// <summary>Restores the state written by <see cref="Write"/>; the learning rate stays this optimizer's own.</summary>
    void Read(BinaryReader reader, string player);
}

/// <summary>Builds each player's optimizer on the path the options choose.</summary>
static class PlayerOptimizers
{
    public static IPlayerOptimizer Create(nn.Module player, string name, double learningRate, GanTrainerOptions options) =>
        options.FastPath
            ? new FastOptimizer(new FlatParameters(player, name), options.Optimizer, learningRate, options.Beta1, options.Beta2,
                options.Momentum)
            : new TorchOptimizer(player, name, options.Optimizer, learningRate, options.Beta1, options.Beta2, options.Momentum);

    /// <summary>The checkpoint's optimizer kind, checked against this trainer's (see <see cref="IPlayerOptimizer.Read"/>).</summary>
    public static void ReadKind(BinaryReader reader, OptimizerKind expected, string player)
    {
        var saved = (OptimizerKind)reader.ReadInt32();
        if (saved != expected)
            throw new InvalidDataException(
                $"The checkpoint's {player} optimizer is {saved}, but this trainer uses {expected}; resume with the same optimizer.");
    }
}
