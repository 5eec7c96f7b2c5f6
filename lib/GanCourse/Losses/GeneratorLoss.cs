using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// Losses the generator minimises, from the discriminator's logits l on generated samples (D(G(z)) = σ(l)).
/// Means over the batch, differentiable, stable for any logit (softplus instead of log σ).
/// </summary>
/// <remarks>
/// Introduced in notebook 01.
/// Relation to Goodfellow's tutorial (and <see cref="GeneratorCost"/>): the tutorial writes each cost with a factor ½,
/// because J(D) averages its real and fake halves. The tensor losses here drop that factor so they match the usual
/// code (BCE with target 1 for the non-saturating loss): for the same batch,
/// <c>GeneratorLoss.X(l) = 2 · mean_i GeneratorCost.X(σ(l_i))</c> for X = Minimax, NonSaturating, MaximumLikelihood.
/// The factor only rescales gradients (equivalent to doubling the learning rate); it changes no optimum.
/// </remarks>
public static class GeneratorLoss
{
    /// <summary>
    /// E[log(1 − D(G(z)))] = −E[softplus(l)]: what G minimises in the minimax game min_G max_D V(D, G).
    /// Its gradient −σ(l) vanishes when D confidently rejects the samples (l → −∞), which is why it saturates early in training.
    /// </summary>
    /// <remarks>Introduced in notebook 05.</remarks>
    public static Tensor Minimax(Tensor fakeLogits)
    {
        Require.Scores(fakeLogits, nameof(fakeLogits));
        return -fakeLogits.softplus().mean();
    }

    /// <summary>
    /// −E[log D(G(z))] = E[softplus(−l)]: the non-saturating (heuristic) loss, i.e. BCE with target 1 (computed as
    /// BCE with logits). Its gradient −(1 − σ(l)) is largest exactly when D rejects the samples. At D = ½ it equals
    /// log 2 ≈ 0.693.
    /// </summary>
    /// <remarks>Introduced in notebook 01. <see cref="GanTrainer"/> uses it by default (<see cref="GanLoss.NonSaturating"/>).</remarks>
    public static Tensor NonSaturating(Tensor fakeLogits)
    {
        Require.Scores(fakeLogits, nameof(fakeLogits));
        return nn.functional.binary_cross_entropy_with_logits(fakeLogits, ones_like(fakeLogits));
    }

    /// <summary>
    /// −E[exp(σ⁻¹(D(G(z))))] = −E[exp(l)] = −E[D/(1 − D)]: the maximum-likelihood cost (Goodfellow 2016): with an optimal D
    /// its expected gradient is that of KL(p_data ‖ p_g). Unbounded below as D → 1: in float32 exp(l) overflows to ∞ for
    /// l &gt; 88.7 (that is the cost's true size, not an instability); use float64 if D can be that confident.
    /// </summary>
    /// <remarks>Introduced in notebook 05.</remarks>
    public static Tensor MaximumLikelihood(Tensor fakeLogits)
    {
        Require.Scores(fakeLogits, nameof(fakeLogits));
        return -fakeLogits.exp().mean();
    }

    /// <summary>Least-squares GAN generator loss (target c = 1): ½ E[(s(G(z)) − 1)²], s the raw output.</summary>
    public static Tensor LeastSquares(Tensor fakeScores)
    {
        Require.Scores(fakeScores, "fakeLogits");
        return LossConstants.Half * (fakeScores - LossConstants.One).square().mean();
    }

    /// <summary>Wasserstein generator loss: −E[s(G(z))], s the critic's raw output.</summary>
    public static Tensor Wasserstein(Tensor fakeScores)
    {
        Require.Scores(fakeScores, "fakeLogits");
        return -fakeScores.mean();
    }

    /// <summary>Hinge-GAN generator loss: −E[s(G(z))] (the same as Wasserstein's; the difference is in the critic's loss).</summary>
    public static Tensor Hinge(Tensor fakeScores)
    {
        Require.Scores(fakeScores, "fakeLogits");
        return -fakeScores.mean();
    }
}
