using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Everything that defines one GAN run on the ring of Gaussians in notebook 06 except the seed and the number of
/// steps: the models' width, the optimiser settings, and the tricks as switches (<see cref="Scale"/> and
/// <see cref="Tanh"/> for inputs in [-1, 1], <see cref="RealLabel"/> for one-sided label smoothing,
/// <see cref="CriticSteps"/> for k, <see cref="BatchNorm"/> for batch norm in the generator). The defaults are the
/// plain GAN of the notebook's comparison: both players Adam with lr 1e-3 and β1 0.5, the non-saturating loss, data at
/// their own scale, two hidden layers of 64 units in each network, batch 128, z of length 16, no tricks. Notebook 06 and tools/RingSweep both build their runs
/// from it, so the sweep's numbers are the notebook's.
/// </summary>
/// <remarks>Introduced in notebook 06.</remarks>
public sealed record RingRecipe(string Name)
{
    /// <summary>Minibatch size m.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Length of the noise vector z.</summary>
    public int ZDim { get; init; } = 16;

    /// <summary>Units in each of the two hidden layers of the generator and of the critic.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>The generator's Adam learning rate.</summary>
    public double GeneratorLearningRate { get; init; } = 1e-3;

    /// <summary>The critic's Adam learning rate.</summary>
    public double DiscriminatorLearningRate { get; init; } = 1e-3;

    /// <summary>Target of the critic on real data: 1, or e.g. 0.9 for one-sided label smoothing.</summary>
    public double RealLabel { get; init; } = 1;

    /// <summary>k: critic updates per generator update.</summary>
    public int CriticSteps { get; init; } = 1;

    /// <summary>The factor the data are multiplied by before training (generated points are divided by it to measure them).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Whether the generator squashes its output with tanh (pair with a <see cref="Scale"/> that puts the data in (-1, 1)).</summary>
    public bool Tanh { get; init; }

    /// <summary>Whether the generator batch-normalises its hidden layers.</summary>
    public bool BatchNorm { get; init; }

    /// <summary>
    /// The trainer's settings for a run with <paramref name="seed"/> that keeps <paramref name="snapshotSamples"/>
    /// generated points from fixed noise every <paramref name="snapshotEvery"/> steps.
    /// </summary>
    public GanTrainerOptions TrainerOptions(int seed, int snapshotEvery, int snapshotSamples = 2_500)
    {
        Validate();
        Require.AtLeastOne(snapshotEvery, nameof(snapshotEvery));
        Require.AtLeastOne(snapshotSamples, nameof(snapshotSamples));
        return new GanTrainerOptions
        {
            BatchSize = BatchSize, ZDim = ZDim, GeneratorLearningRate = GeneratorLearningRate,
            DiscriminatorLearningRate = DiscriminatorLearningRate, Beta1 = 0.5, Loss = GanLoss.NonSaturating.WithRealLabel(RealLabel),
            DiscriminatorSteps = CriticSteps, Seed = seed, SnapshotSamples = snapshotSamples, SnapshotEvery = snapshotEvery,
            SnapshotAtEpochEnd = false, RecordGradientNorms = false, ReportEvery = 100,
        };
    }

    /// <summary>A freshly initialised generator (seed torch first, e.g. with <see cref="Course.Reseed"/>).</summary>
    public RingGenerator Generator()
    {
        Validate();
        return new RingGenerator(ZDim, Hidden, BatchNorm, Tanh);
    }

    /// <summary>A freshly initialised critic, built after the generator when both come from one seed.</summary>
    public ToyDiscriminator Discriminator()
    {
        Validate();
        return new ToyDiscriminator(inDim: 2, hidden: Hidden);
    }

    /// <summary>
    /// Trains a GAN with this recipe on <paramref name="data"/> (points of the ring, [N, 2], unscaled) for
    /// <paramref name="steps"/> steps from <paramref name="seed"/> (initial weights, noise and batch order). Returns the
    /// trainer's history; <see cref="Coverage"/> measures its snapshots.
    /// </summary>
    public TrainingHistory Train(Tensor data, int seed, int steps, int snapshotEvery, int snapshotSamples = 2_500)
    {
        Require.NotNull(data, nameof(data));
        Require.AtLeastOne(steps, nameof(steps));
        var options = TrainerOptions(seed, snapshotEvery, snapshotSamples);
        Course.Reseed(seed);
        using var generator = Generator();
        using var critic = Discriminator();
        using var scaled = data * Scale;
        using var trainer = new GanTrainer(generator, critic, scaled, options);
        return trainer.Run(steps);
    }

    /// <summary>The coverage of <paramref name="ring"/> by each snapshot of <paramref name="history"/>, in the data's own units.</summary>
    public RingCoverage[] Coverage(TrainingHistory history, GaussianMixture2D ring)
    {
        Require.NotNull(history, nameof(history));
        Require.NotNull(ring, nameof(ring));
        return history.Snapshots.Select(s => Measure(s, ring)).ToArray();
    }

    /// <summary>A snapshot's points in the data's own units (divided by <see cref="Scale"/>), [n, 2].</summary>
    public Tensor Points(SampleSnapshot snapshot)
    {
        Require.NotNull(snapshot, nameof(snapshot));
        using var raw = snapshot.ToTensor();
        return raw / Scale;
    }

    RingCoverage Measure(SampleSnapshot snapshot, GaussianMixture2D ring)
    {
        using var points = Points(snapshot);
        return ring.Coverage(points);
    }

    void Validate()
    {
        const string prefix = "RingRecipe.";
        Require.AtLeastOne(BatchSize, prefix + nameof(BatchSize));
        Require.AtLeastOne(ZDim, prefix + nameof(ZDim));
        Require.AtLeastOne(Hidden, prefix + nameof(Hidden));
        Require.AtLeastOne(CriticSteps, prefix + nameof(CriticSteps), "k, critic updates per generator update");
        Require.Positive(GeneratorLearningRate, prefix + nameof(GeneratorLearningRate));
        Require.Positive(DiscriminatorLearningRate, prefix + nameof(DiscriminatorLearningRate));
        Require.Positive(Scale, prefix + nameof(Scale));
        Require.RealLabel(RealLabel);
    }
}
