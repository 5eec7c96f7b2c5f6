namespace GanCourse;

/// <summary>
/// Training produced a NaN or infinite loss, score, gradient norm or weight. The trainer's models are then unusable;
/// <see cref="LastGoodCheckpoint"/> (when checkpoints were written) holds the state before it happened.
/// </summary>
public sealed class TrainingDivergedException(
    string message, int step, string quantity, string? lastGoodCheckpoint, int? lastGoodCheckpointStep)
    : Exception(message)
{
    /// <summary>The first step at which a non-finite value was seen.</summary>
    public int Step { get; } = step;

    /// <summary>What became non-finite, e.g. "generator loss" or "discriminator weight block1.linear.weight".</summary>
    public string Quantity { get; } = quantity;

    /// <summary>Path of the newest checkpoint written before the divergence, or null if none was written.</summary>
    public string? LastGoodCheckpoint { get; } = lastGoodCheckpoint;

    /// <summary>The step stored in <see cref="LastGoodCheckpoint"/>.</summary>
    public int? LastGoodCheckpointStep { get; } = lastGoodCheckpointStep;
}
