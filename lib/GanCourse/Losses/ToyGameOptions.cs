namespace GanCourse;

/// <summary>
/// The knobs of a <see cref="ToyGame"/>: the toy problem (a 1-D p_data, tiny MLPs), the loss, and how strong each player
/// is (plain SGD learning rate and steps per round). The defaults are notebook 05's balanced game: one D step, one G
/// step, both at learning rate 0.02.
/// </summary>
/// <remarks>Introduced in notebook 05.</remarks>
public sealed record ToyGameOptions
{
    /// <summary>The data distribution (default N(4, 0.5²)).</summary>
    public GaussianMixture1D Data { get; init; } = GaussianMixture1D.Gaussian(4, 0.5);

    /// <summary>The losses of both players (default <see cref="GanLoss.NonSaturating"/>).</summary>
    public GanLoss Loss { get; init; } = GanLoss.NonSaturating;

    /// <summary>Hidden units of <see cref="ToyGenerator"/> and <see cref="ToyDiscriminator"/> (default 32).</summary>
    public int Hidden { get; init; } = 32;

    /// <summary>Samples per batch, real and generated alike (default 128).</summary>
    public int Batch { get; init; } = 128;

    /// <summary>Steps of D alone (Adam, learning rate 10⁻³) against the untrained G before the game, to start from "D wins" (default 0).</summary>
    public int PretrainSteps { get; init; }

    /// <summary>Rounds of the game; a round is <see cref="DiscriminatorSteps"/> D steps then <see cref="GeneratorSteps"/> G steps (default 600).</summary>
    public int Rounds { get; init; } = 600;

    /// <summary>D steps per round (default 1).</summary>
    public int DiscriminatorSteps { get; init; } = 1;

    /// <summary>G steps per round (default 1).</summary>
    public int GeneratorSteps { get; init; } = 1;

    /// <summary>D's SGD learning rate in the game (default 0.02).</summary>
    public double DiscriminatorLearningRate { get; init; } = 0.02;

    /// <summary>G's SGD learning rate in the game (default 0.02).</summary>
    public double GeneratorLearningRate { get; init; } = 0.02;

    /// <summary>Rounds between two measurements of the distance to the data (default 20; the last round is always measured).</summary>
    public int EvaluateEvery { get; init; } = 20;

    /// <summary>Generated and real samples compared by each distance measurement (default 4,000).</summary>
    public int EvaluationSamples { get; init; } = 4_000;

    /// <summary>Throws with a clear message when a knob is out of range.</summary>
    public void Validate()
    {
        Require.NotNull(Data, nameof(Data));
        Require.NotNull(Loss, nameof(Loss));
        Require.AtLeastOne(Hidden, nameof(Hidden), "hidden units");
        Require.AtLeastOne(Batch, nameof(Batch), "samples per batch");
        if (PretrainSteps < 0)
            throw new ArgumentOutOfRangeException(nameof(PretrainSteps), PretrainSteps, "PretrainSteps must be 0 (no pre-training) or more.");
        Require.AtLeastOne(Rounds, nameof(Rounds), "game rounds");
        Require.AtLeastOne(DiscriminatorSteps, nameof(DiscriminatorSteps), "D steps per round");
        Require.AtLeastOne(GeneratorSteps, nameof(GeneratorSteps), "G steps per round");
        Require.Positive(DiscriminatorLearningRate, nameof(DiscriminatorLearningRate));
        Require.Positive(GeneratorLearningRate, nameof(GeneratorLearningRate));
        Require.AtLeastOne(EvaluateEvery, nameof(EvaluateEvery), "rounds between distance measurements");
        Require.AtLeastOne(EvaluationSamples, nameof(EvaluationSamples), "samples per distance measurement");
    }
}
