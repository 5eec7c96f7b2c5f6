using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>How <see cref="Inpainting.Fill"/> searches the latent space.</summary>
/// <remarks>Introduced in notebook 10.</remarks>
public sealed record InpaintingOptions
{
    /// <summary>Starting points z per image; the one whose G(z) fits the visible pixels best is kept.</summary>
    public int Restarts { get; init; } = 4;

    /// <summary>Adam steps on z.</summary>
    public int Steps { get; init; } = 150;

    /// <summary>Adam's learning rate on z.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Seeds the starting points.</summary>
    public int Seed { get; init; } = 1;

    internal void Validate()
    {
        Require.AtLeastOne(Restarts, nameof(Restarts));
        Require.AtLeastOne(Steps, nameof(Steps));
        Require.Positive(LearningRate, nameof(LearningRate));
    }
}

/// <summary>
/// Filling in missing pixels with a trained generator (one of the GAN applications of Goodfellow's tutorial): search
/// for the noise vector z whose image G(z) agrees with the pixels we can see, then read the missing pixels off G(z).
/// The generator is not changed; only z is optimised, by gradient descent through G.
/// </summary>
/// <remarks>Introduced in notebook 10.</remarks>
public static class Inpainting
{
    /// <summary>
    /// The fitting error of each image: the mean squared difference between <paramref name="generated"/> and
    /// <paramref name="target"/> over the visible pixels only (where <paramref name="visible"/> is 1), shape [N].
    /// Hidden pixels do not count: they are what we want G to invent.
    /// </summary>
    /// <param name="generated">G(z) [N, P].</param>
    /// <param name="target">The damaged images [N, P] (their hidden pixels may hold anything).</param>
    /// <param name="visible">1 for a visible pixel, 0 for a hidden one: [P] or [N, P].</param>
    public static Tensor MaskedError(Tensor generated, Tensor target, Tensor visible)
    {
        Require.Scores(generated, nameof(generated));
        Require.Scores(target, nameof(target));
        Require.SameShape(generated, nameof(generated), target, nameof(target));
        Mask(visible, target);
        using var difference = generated - target;
        using var squared = difference.square();
        using var masked = squared.mul(visible);
        using var sum = masked.sum(1);
        using var count = visible.expand_as(target).sum(1);
        return sum.div(count);
    }

    /// <summary>A visibility mask [side·side] that hides the rows from <paramref name="firstHiddenRow"/> down (1 = visible).</summary>
    public static Tensor HideRowsFrom(int firstHiddenRow, int side = 28)
    {
        Require.AtLeastOne(side, nameof(side));
        if (firstHiddenRow < 1 || firstHiddenRow >= side)
            throw new ArgumentOutOfRangeException(nameof(firstHiddenRow), firstHiddenRow,
                $"firstHiddenRow must lie in 1..{side - 1}, so that some rows are visible and some hidden (e.g. {side / 2} hides the bottom half).");
        using var rows = arange(side).unsqueeze(1).expand(side, side);
        using var visible = rows.lt(firstHiddenRow);
        return visible.to_type(ScalarType.Float32).flatten();
    }

    /// <summary>
    /// Fills the hidden pixels of <paramref name="images"/>: for each image, <see cref="InpaintingOptions.Restarts"/>
    /// noise vectors are optimised with Adam to minimise <paramref name="error"/> (default <see cref="MaskedError"/>)
    /// through the generator (in evaluation mode, its weights untouched), and the best fit is kept.
    /// </summary>
    /// <param name="generator">A trained generator, noise [N, zDim] → flat images [N, P] on the scale of <paramref name="images"/>.</param>
    /// <param name="zDim">Length of its noise vector.</param>
    /// <param name="images">The damaged images [N, P].</param>
    /// <param name="visible">1 for a visible pixel, 0 for a hidden one: [P] or [N, P].</param>
    /// <param name="options">Restarts, steps, learning rate, seed.</param>
    /// <param name="error">The per-image fitting error (generated, target, visible) → [N], e.g. a student's own.</param>
    public static InpaintingResult Fill(nn.Module<Tensor, Tensor> generator, int zDim, Tensor images, Tensor visible,
        InpaintingOptions options, Func<Tensor, Tensor, Tensor, Tensor>? error = null)
    {
        Require.NotNull(generator, nameof(generator));
        Require.AtLeastOne(zDim, nameof(zDim));
        Require.Scores(images, nameof(images));
        if (images.ndim != 2)
            throw new ArgumentException($"images has shape [{string.Join(", ", images.shape)}]: pass flat images [N, P].", nameof(images));
        Mask(visible, images);
        Require.NotNull(options, nameof(options));
        options.Validate();
        error ??= MaskedError;
        int n = (int)images.size(0), r = options.Restarts;
        var frozen = generator.parameters().Where(p => p.requires_grad).ToList();
        bool wasTraining = generator.training;
        generator.eval();
        foreach (var p in frozen) p.requires_grad_(false);
        try
        {
            using var scope = NewDisposeScope();
            var targets = images.repeat_interleave(r, 0);
            var masks = visible.ndim == 2 ? visible.repeat_interleave(r, 0) : visible;
            using var rng = new Generator((ulong)options.Seed);
            var z = randn(n * r, zDim, generator: rng);
            var m = zeros_like(z);
            var v = zeros_like(z);
            using Scalar beta1 = 0.9.ToScalar(), oneMinusBeta1 = 0.1.ToScalar();   // held, not temporary (see Layers)
            using Scalar beta2 = 0.999.ToScalar(), oneMinusBeta2 = 0.001.ToScalar(), epsilon = 1e-8.ToScalar();
            for (int step = 1; step <= options.Steps; step++)
            {
                using var stepScope = NewDisposeScope();
                var variable = z.detach().requires_grad_(true);
                var perImage = error(generator.forward(variable), targets, masks);
                if (perImage.ndim != 1 || perImage.size(0) != n * r)
                    throw new ArgumentException(
                        $"error returned shape [{string.Join(", ", perImage.shape)}]; it must return one number per image, shape [{n * r}].", nameof(error));
                perImage.sum().backward();
                using var _ = no_grad();
                var g = variable.grad!;
                m.mul_(beta1).add_(g.mul(oneMinusBeta1));
                v.mul_(beta2).add_(g.square().mul_(oneMinusBeta2));
                using Scalar size = (options.LearningRate * Math.Sqrt(1 - Math.Pow(0.999, step)) / (1 - Math.Pow(0.9, step))).ToScalar();
                z.sub_(m.div(v.sqrt().add_(epsilon)).mul_(size));
            }
            using (no_grad())
            {
                var generated = generator.forward(z);
                var fit = error(generated, targets, masks).view(n, r);
                var best = fit.argmin(1) + arange(0, n * r, r);   // the best restart's row in the [n·r] batch
                var chosen = generated.index_select(0, best);
                var filled = images * visible + chosen * (ones_like(visible) - visible);
                return new InpaintingResult(filled.DetachFromDisposeScope(), chosen.DetachFromDisposeScope(),
                    fit.min(1).values.DetachFromDisposeScope());
            }
        }
        finally
        {
            foreach (var p in frozen) p.requires_grad_(true);
            generator.train(wasTraining);
        }
    }

    static void Mask(Tensor visible, Tensor images)
    {
        Require.NotNull(visible, nameof(visible));
        bool shapeOk = (visible.ndim == 1 && visible.size(0) == images.size(-1)) || visible.shape.SequenceEqual(images.shape);
        if (!shapeOk)
            throw new ArgumentException(
                $"visible has shape [{string.Join(", ", visible.shape)}] for images [{string.Join(", ", images.shape)}]: pass one 0/1 " +
                "entry per pixel, [P] for all images or [N, P] per image.", nameof(visible));
        if (!visible.eq(0).logical_or(visible.eq(1)).all().item<bool>())
            throw new ArgumentException("visible must hold only 0 (hidden pixel) and 1 (visible pixel).", nameof(visible));
        if (!visible.to_type(ScalarType.Float32).sum(-1).gt(0).all().item<bool>())
            throw new ArgumentException("visible hides every pixel of an image: leave some pixels visible for G to match.", nameof(visible));
    }
}

/// <summary>What <see cref="Inpainting.Fill"/> found for each image.</summary>
/// <param name="Filled">The images with their hidden pixels taken from the best G(z) and their visible pixels kept [N, P].</param>
/// <param name="Generated">The best G(z) itself [N, P].</param>
/// <param name="VisibleError">Its fitting error on the visible pixels [N].</param>
/// <remarks>Introduced in notebook 10.</remarks>
public sealed record InpaintingResult(Tensor Filled, Tensor Generated, Tensor VisibleError) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        Filled.Dispose();
        Generated.Dispose();
        VisibleError.Dispose();
    }
}
