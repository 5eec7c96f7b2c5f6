using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The losses of a GAN whose discriminator is also a K-class classifier (Salimans et al. 2016, §5). The critic has
/// K + 1 classes: the K real ones and "generated". Fixing the logit of the generated class at 0 (softmax is unchanged
/// by adding the same number to every logit) leaves K logits l_1..l_K, and the probability of "real" becomes
/// D(x) = Z(x) / (Z(x) + 1) with Z(x) = Σ_k exp l_k(x), i.e. D(x) = σ(logsumexp_k l_k(x)). All losses work on logits
/// [N, K] and are stable for any logit (softplus and logsumexp, never a log of a sigmoid).
/// </summary>
/// <remarks>Introduced in notebook 10.</remarks>
public static class SemiSupervisedLoss
{
    /// <summary>
    /// The supervised loss on labelled real images: cross-entropy of the class given that the image is real,
    /// −E log p(y | x, y ≤ K) = E[logsumexp_k l_k − l_y]. The same loss trains the labels-only baseline classifier.
    /// </summary>
    /// <param name="logits">The critic's class logits [N, K].</param>
    /// <param name="labels">Class indices [N] in 0..K−1 (an integer tensor).</param>
    public static Tensor Supervised(Tensor logits, Tensor labels)
    {
        ClassLogits(logits, nameof(logits));
        Require.NotNull(labels, nameof(labels));
        Require.Labels(labels, logits.size(0), (int)logits.size(1), nameof(Supervised));
        return nn.functional.cross_entropy(logits, labels);
    }

    /// <summary>
    /// The unsupervised (GAN) loss of the critic: −½ E log D(x) − ½ E log(1 − D(G(z))) with D = σ(logsumexp l), i.e.
    /// ½ E softplus(−logsumexp l(x)) + ½ E softplus(logsumexp l(G(z))). Unlabelled real images count as "one of the K
    /// classes, whichever", generated ones as class K + 1.
    /// </summary>
    /// <param name="realLogits">Logits [N, K] of unlabelled real images.</param>
    /// <param name="fakeLogits">Logits [M, K] of generated images (detached from G in the critic's step).</param>
    public static Tensor Unsupervised(Tensor realLogits, Tensor fakeLogits)
    {
        ClassLogits(realLogits, nameof(realLogits));
        ClassLogits(fakeLogits, nameof(fakeLogits));
        if (realLogits.size(1) != fakeLogits.size(1))
            throw new ArgumentException(
                $"realLogits has {realLogits.size(1)} classes but fakeLogits has {fakeLogits.size(1)}: both come from the same critic.",
                nameof(fakeLogits));
        using var realLse = realLogits.logsumexp(1);
        using var fakeLse = fakeLogits.logsumexp(1);
        using var realHalf = realLse.neg().softplus().mean();
        using var fakeHalf = fakeLse.softplus().mean();
        using Scalar half = 0.5.ToScalar();   // held, not temporary (see Layers)
        using var sum = realHalf + fakeHalf;
        return sum.mul(half);
    }

    /// <summary>D(x) = σ(logsumexp_k l_k(x)): the probability the K-class critic gives to "real", shape [N].</summary>
    public static Tensor RealProbability(Tensor logits)
    {
        ClassLogits(logits, nameof(logits));
        using var lse = logits.logsumexp(1);
        return lse.sigmoid();
    }

    /// <summary>
    /// Feature matching, the generator's loss of Salimans et al. (§3.1): the squared distance between the mean
    /// critic features of real and of generated images, averaged over the features. G minimises it; the critic's
    /// features on real images are a target (pass them detached).
    /// </summary>
    /// <param name="realFeatures">Features [N, F] of real images.</param>
    /// <param name="fakeFeatures">Features [M, F] of generated images.</param>
    public static Tensor FeatureMatching(Tensor realFeatures, Tensor fakeFeatures)
    {
        Require.Scores(realFeatures, nameof(realFeatures));
        Require.Scores(fakeFeatures, nameof(fakeFeatures));
        if (realFeatures.ndim != 2 || fakeFeatures.ndim != 2 || realFeatures.size(1) != fakeFeatures.size(1))
            throw new ArgumentException(
                $"feature matching needs two [N, F] tensors with the same F; got [{string.Join(", ", realFeatures.shape)}] " +
                $"and [{string.Join(", ", fakeFeatures.shape)}].", nameof(fakeFeatures));
        using var realMean = realFeatures.mean([0]);
        using var fakeMean = fakeFeatures.mean([0]);
        using var gap = realMean - fakeMean;
        return gap.square().mean();
    }

    static void ClassLogits(Tensor logits, string name)
    {
        Require.Scores(logits, name);
        if (logits.ndim != 2 || logits.size(1) < 2)
            throw new ArgumentException(
                $"{name} has shape [{string.Join(", ", logits.shape)}]: pass class logits [N, K] with K ≥ 2 (one column per real class).", name);
    }
}
