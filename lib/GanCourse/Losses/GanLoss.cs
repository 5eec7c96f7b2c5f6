namespace GanCourse;

/// <summary>
/// A matched pair of losses for training: what the discriminator (critic) minimises and what the generator minimises,
/// both from D's raw outputs (logits). A trainer calls <c>Discriminator(D(x), D(G(z)))</c> for the D step and
/// <c>Generator(D(G(z)))</c> for the G step, and minimises each; <see cref="GanTrainerOptions.Loss"/> takes one
/// (default <see cref="NonSaturating"/>).
/// </summary>
/// <remarks>Introduced in notebook 06 (label smoothing) and notebook 09 (other losses).</remarks>
/// <param name="Name">A short name for legends and logs, e.g. "non-saturating".</param>
/// <param name="Discriminator">The discriminator's (critic's) loss.</param>
/// <param name="Generator">The generator's loss.</param>
public sealed record GanLoss(string Name, DiscriminatorLossFn Discriminator, GeneratorLossFn Generator)
{
    // How to rebuild the discriminator loss with another real label; null where label smoothing has no meaning.
    private Func<double, DiscriminatorLossFn>? withRealLabel;

    /// <summary>The GAN paper's game as stated: D minimises <see cref="DiscriminatorLoss.Standard"/>, G minimises <see cref="GeneratorLoss.Minimax"/> = E log(1 − D(G(z))).</summary>
    public static GanLoss Minimax { get; } = Smoothable("minimax", GeneratorLoss.Minimax, Standard);

    /// <summary>The GAN paper's practical choice (and <see cref="GanTrainer"/>'s default): standard D loss, G minimises <see cref="GeneratorLoss.NonSaturating"/> = −E log D(G(z)).</summary>
    public static GanLoss NonSaturating { get; } = Smoothable("non-saturating", GeneratorLoss.NonSaturating, Standard);

    /// <summary>Standard D loss, G minimises <see cref="GeneratorLoss.MaximumLikelihood"/> = −E exp(logit) (Goodfellow 2016).</summary>
    public static GanLoss MaximumLikelihood { get; } = Smoothable("maximum likelihood", GeneratorLoss.MaximumLikelihood, Standard);

    /// <summary>Least-squares GAN: <see cref="DiscriminatorLoss.LeastSquares"/> and <see cref="GeneratorLoss.LeastSquares"/>.</summary>
    /// <remarks>Introduced in notebook 09.</remarks>
    public static GanLoss LeastSquares { get; } =
        Smoothable("least squares", GeneratorLoss.LeastSquares, label => (r, f) => DiscriminatorLoss.LeastSquares(r, f, label));

    /// <summary>Wasserstein GAN: <see cref="DiscriminatorLoss.Wasserstein"/> and <see cref="GeneratorLoss.Wasserstein"/>; the trainer must keep the critic Lipschitz (clipping or gradient penalty).</summary>
    public static GanLoss Wasserstein { get; } = new("Wasserstein", DiscriminatorLoss.Wasserstein, GeneratorLoss.Wasserstein);

    /// <summary>Hinge GAN: <see cref="DiscriminatorLoss.Hinge"/> and <see cref="GeneratorLoss.Hinge"/>.</summary>
    public static GanLoss Hinge { get; } = new("hinge", DiscriminatorLoss.Hinge, GeneratorLoss.Hinge);

    /// <summary>All the presets, for loops over losses in the notebooks.</summary>
    public static IReadOnlyList<GanLoss> All { get; } = [Minimax, NonSaturating, MaximumLikelihood, LeastSquares, Wasserstein, Hinge];

    /// <summary>True when <see cref="WithRealLabel"/> applies (the standard and least-squares discriminator losses).</summary>
    public bool SupportsLabelSmoothing => withRealLabel is not null;

    /// <summary>
    /// The same losses with one-sided label smoothing: real samples get target <paramref name="realLabel"/> (e.g. 0.9) in
    /// the discriminator loss; fake targets and the generator loss are unchanged. The name gains " (real label 0.9)".
    /// This is the one way to smooth labels for <see cref="GanTrainer"/>:
    /// <c>new GanTrainerOptions { Loss = GanLoss.NonSaturating.WithRealLabel(0.9) }</c>.
    /// </summary>
    /// <remarks>Introduced in notebook 06.</remarks>
    public GanLoss WithRealLabel(double realLabel)
    {
        if (withRealLabel is null)
            throw new InvalidOperationException(
                $"The {Name} loss has no labels to smooth: one-sided label smoothing applies to the minimax, non-saturating, " +
                "maximum likelihood and least squares losses.");
        Require.RealLabel(realLabel);
        var discriminator = withRealLabel(realLabel);
        string baseName = Name.Split(" (real label")[0];
        return this with
        {
            Name = realLabel == 1.0 ? baseName : $"{baseName} (real label {realLabel.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
            Discriminator = discriminator,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static DiscriminatorLossFn Standard(double realLabel) => (r, f) => DiscriminatorLoss.Standard(r, f, realLabel);

    private static GanLoss Smoothable(string name, GeneratorLossFn generator, Func<double, DiscriminatorLossFn> discriminator) =>
        new(name, discriminator(1.0), generator) { withRealLabel = discriminator };
}
