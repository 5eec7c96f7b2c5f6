namespace GanCourse;

/// <summary>The optimizer each player gets.</summary>
public enum OptimizerKind
{
    /// <summary>Adam with <see cref="GanTrainerOptions.Beta1"/> and <see cref="GanTrainerOptions.Beta2"/>.</summary>
    Adam,

    /// <summary>Plain SGD, with <see cref="GanTrainerOptions.Momentum"/> (0 = none), as in the GAN paper.</summary>
    Sgd,
}

/// <summary>
/// Settings of a <see cref="GanTrainer"/>. The defaults are the DCGAN paper's (Adam, lr 2e-4, β1 0.5); the lecture's
/// MLP GAN uses <see cref="Lecture"/>.
/// </summary>
/// <remarks>Introduced in notebook 01.</remarks>
public sealed record GanTrainerOptions
{
    /// <summary>The lecture's settings: batch 128, z of length 64, Adam with lr 1e-5 and betas (0.9, 0.999).</summary>
    /// <remarks>Introduced in notebook 07.</remarks>
    public static GanTrainerOptions Lecture { get; } = new()
    {
        BatchSize = 128, ZDim = 64, GeneratorLearningRate = 1e-5, DiscriminatorLearningRate = 1e-5, Beta1 = 0.9, Beta2 = 0.999,
    };

    /// <summary>Minibatch size m, for real and generated batches alike. Incomplete batches at an epoch's end are skipped.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Length of the generator's noise vector z.</summary>
    public int ZDim { get; init; } = 64;

    /// <summary>k: discriminator updates per generator update (Algorithm 1 of the GAN paper).</summary>
    public int DiscriminatorSteps { get; init; } = 1;

    /// <summary>The optimizer of both players.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>The generator's learning rate.</summary>
    public double GeneratorLearningRate { get; init; } = 2e-4;

    /// <summary>The discriminator's learning rate.</summary>
    public double DiscriminatorLearningRate { get; init; } = 2e-4;

    /// <summary>Adam's β1.</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Adam's β2.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>SGD momentum (ignored by Adam).</summary>
    public double Momentum { get; init; }

    /// <summary>
    /// The losses D and G minimise, from D's logits: <see cref="GanLoss.NonSaturating"/> by default (the standard
    /// J(D) and J(G) = −E log D(G(z))). One-sided label smoothing: <c>GanLoss.NonSaturating.WithRealLabel(0.9)</c>.
    /// </summary>
    public GanLoss Loss { get; init; } = GanLoss.NonSaturating;

    /// <summary>Seed of the trainer's own random generator (noise, batch order, fixed noise).</summary>
    public int Seed { get; init; }

    /// <summary>Number of fixed-noise samples in each snapshot (0 = no snapshots).</summary>
    public int SnapshotSamples { get; init; } = 16;

    /// <summary>Take a snapshot every this many steps (0 = only at epoch ends, if <see cref="SnapshotAtEpochEnd"/>).</summary>
    public int SnapshotEvery { get; init; }

    /// <summary>Take a snapshot whenever an epoch is completed.</summary>
    public bool SnapshotAtEpochEnd { get; init; } = true;

    /// <summary>
    /// Every this many steps the recorded values are read into <see cref="GanTrainer.History"/>, checked for NaN/Inf,
    /// and progress is reported. Reading in batches avoids a device synchronisation per step.
    /// </summary>
    public int ReportEvery { get; init; } = 50;

    /// <summary>Where checkpoints go (null = none). Each is written atomically: a temporary file, then a rename.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Write a checkpoint every this many steps (0 = only when <see cref="GanTrainer.SaveCheckpoint"/> is called).</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Record the gradient norms of both players (a few extra operations per step).</summary>
    public bool RecordGradientNorms { get; init; } = true;

    /// <summary>
    /// true (the default): each player's parameters live in one flat buffer updated by a fused Adam or SGD step (the
    /// fast path, Training/Fast). false: the plain path, <c>torch.optim.Adam</c> or <c>torch.optim.SGD</c> on the
    /// models' own parameters, as written by hand in notebook 01. Both follow the same trajectory up to float rounding,
    /// and each resumes the other's checkpoints.
    /// </summary>
    public bool FastPath { get; init; } = true;

    internal void Validate()
    {
        const string prefix = "GanTrainerOptions.";
        Require.AtLeastOne(BatchSize, prefix + nameof(BatchSize));
        Require.AtLeastOne(ZDim, prefix + nameof(ZDim));
        Require.AtLeastOne(DiscriminatorSteps, prefix + nameof(DiscriminatorSteps));
        Require.AtLeastOne(ReportEvery, prefix + nameof(ReportEvery));
        foreach (var (value, name) in new[] { (SnapshotSamples, nameof(SnapshotSamples)), (SnapshotEvery, nameof(SnapshotEvery)), (CheckpointEvery, nameof(CheckpointEvery)) })
            if (value < 0)
                throw new ArgumentOutOfRangeException(name, value, $"{prefix}{name} must not be negative (0 turns it off); got {value}.");
        Require.Positive(GeneratorLearningRate, prefix + nameof(GeneratorLearningRate));
        Require.Positive(DiscriminatorLearningRate, prefix + nameof(DiscriminatorLearningRate));
        if (Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(Beta1), $"GanTrainerOptions.Beta1 and Beta2 must lie in [0, 1); got {Beta1} and {Beta2}.");
        if (Momentum is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, $"GanTrainerOptions.Momentum must lie in [0, 1); got {Momentum}.");
        if (Loss is null)
            throw new ArgumentNullException(nameof(Loss), "GanTrainerOptions.Loss must be set, e.g. to GanLoss.NonSaturating (the default).");
        if (CheckpointEvery > 0 && string.IsNullOrEmpty(CheckpointPath))
            throw new ArgumentException("GanTrainerOptions.CheckpointEvery is set but CheckpointPath is not; give a file path.",
                nameof(CheckpointPath));
    }
}
