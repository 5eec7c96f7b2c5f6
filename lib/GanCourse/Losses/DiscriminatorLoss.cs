using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Losses the discriminator (or critic) minimises, computed from raw outputs (logits): D(x) = σ(logit).
/// All are means over the batch, differentiable, and numerically stable for any logit: log D = −softplus(−l) and
/// log(1 − D) = −softplus(l) are used instead of log(σ(l)), which gives −∞ once σ(l) rounds to 0 or 1.
/// </summary>
/// <remarks>Introduced in notebook 01.</remarks>
public static class DiscriminatorLoss
{
    /// <summary>
    /// The GAN paper's discriminator loss as binary cross-entropy, averaged over the two halves like Goodfellow's
    /// tutorial: J(D) = −½ E_real[α log D(x) + (1 − α) log(1 − D(x))] − ½ E_fake[log(1 − D(G(z)))].
    /// With α = <paramref name="realLabel"/> = 1 this is exactly the tutorial's J(D) = −V(D, G)/2 on the batch;
    /// at D = ½ everywhere it equals log 2 ≈ 0.693 (½·log 2 from each half).
    /// α &lt; 1 (e.g. 0.9) is one-sided label smoothing: fake targets stay 0, and the optimal discriminator becomes
    /// α·p_data/(p_data + p_g) (see <see cref="OptimalDiscriminator"/>).
    /// Computed as BCE with logits (targets α and 0), which evaluates log σ(l) as −softplus(−l) internally.
    /// </summary>
    /// <remarks>Introduced in notebook 01. <see cref="GanTrainer"/> uses it by default (<see cref="GanLoss.NonSaturating"/>).</remarks>
    public static Tensor Standard(Tensor realLogits, Tensor fakeLogits, double realLabel = 1.0)
    {
        Check(realLogits, fakeLogits);
        Require.RealLabel(realLabel);
        // The Scalar is held until the end of the call: a temporary one can be freed while libtorch reads it (see Layers).
        using Scalar alpha = realLabel.ToScalar();
        var real = nn.functional.binary_cross_entropy_with_logits(realLogits, full_like(realLogits, alpha));
        var fake = nn.functional.binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits));
        return (real + fake) * LossConstants.Half;
    }

    /// <summary>
    /// Least-squares GAN (Mao et al. 2017, targets a = 0, b = <paramref name="realLabel"/>): ½ E[(s(x) − b)²] + ½ E[s(G(z))²],
    /// where s is D's raw output (no sigmoid).
    /// </summary>
    public static Tensor LeastSquares(Tensor realScores, Tensor fakeScores, double realLabel = 1.0)
    {
        Check(realScores, fakeScores);
        Require.Finite(realLabel, nameof(realLabel));
        using Scalar label = realLabel.ToScalar();
        return LossConstants.Half * (realScores - label).square().mean() + LossConstants.Half * fakeScores.square().mean();
    }

    /// <summary>
    /// Wasserstein critic loss (Arjovsky et al. 2017): E[s(G(z))] − E[s(x)], s the critic's raw output. The critic must be
    /// kept (roughly) 1-Lipschitz, by weight clipping or a gradient penalty; the loss alone does not do that.
    /// </summary>
    public static Tensor Wasserstein(Tensor realScores, Tensor fakeScores)
    {
        Check(realScores, fakeScores);
        return fakeScores.mean() - realScores.mean();
    }

    /// <summary>Hinge loss (Lim and Ye 2017; used by SN-GAN, BigGAN): E[max(0, 1 − s(x))] + E[max(0, 1 + s(G(z)))].</summary>
    public static Tensor Hinge(Tensor realScores, Tensor fakeScores)
    {
        Check(realScores, fakeScores);
        return (LossConstants.One - realScores).relu().mean() + (LossConstants.One + fakeScores).relu().mean();
    }

    private static void Check(Tensor real, Tensor fake)
    {
        Require.Scores(real, "realLogits");
        Require.Scores(fake, "fakeLogits");
    }
}
