using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>The settings of a semi-supervised run and of its labels-only baseline (the same for both).</summary>
/// <remarks>Introduced in notebook 10.</remarks>
public sealed record SemiSupervisedOptions
{
    /// <summary>Training steps (one critic update each, and for the GAN one generator update too).</summary>
    public int Steps { get; init; } = 1000;

    /// <summary>Images per minibatch: labelled, unlabelled and generated alike.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Adam's learning rate for both players (Salimans et al.: 0.003).</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Adam's β₁ for both players (Salimans et al.: 0.5).</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Weight of the unsupervised loss in the critic's objective (Salimans et al.: 1).</summary>
    public double UnlabelledWeight { get; init; } = 1;

    /// <summary>Length of the generator's noise vector.</summary>
    public int ZDim { get; init; } = 64;

    /// <summary>Test accuracy is measured every this many steps (and after the last).</summary>
    public int EvaluateEvery { get; init; } = 250;

    internal void Validate()
    {
        Require.AtLeastOne(Steps, nameof(Steps));
        Require.AtLeastOne(BatchSize, nameof(BatchSize));
        Require.AtLeastOne(ZDim, nameof(ZDim));
        Require.AtLeastOne(EvaluateEvery, nameof(EvaluateEvery));
        Require.Positive(LearningRate, nameof(LearningRate));
        if (!(Beta1 >= 0 && Beta1 < 1))
            throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "Beta1 must lie in [0, 1), e.g. 0.5.");
        if (!(UnlabelledWeight >= 0) || double.IsInfinity(UnlabelledWeight))
            throw new ArgumentOutOfRangeException(nameof(UnlabelledWeight), UnlabelledWeight, "UnlabelledWeight must be a finite number ≥ 0 (1 = Salimans et al.).");
    }
}

/// <summary>One run: which method, its seed, the test accuracy over training, and the time it took.</summary>
/// <remarks>Introduced in notebook 10.</remarks>
public sealed record SemiSupervisedRun(string Method, int Seed, IReadOnlyList<(int Step, double Accuracy)> Curve, TimeSpan Elapsed)
{
    /// <summary>The test accuracy after the last step.</summary>
    public double TestAccuracy => Curve[^1].Accuracy;

    /// <inheritdoc/>
    public override string ToString() => $"{Method}, seed {Seed}: test accuracy {TestAccuracy:P1} after {Curve[^1].Step} steps ({Elapsed.TotalSeconds:0} s)";
}

/// <summary>
/// Semi-supervised learning with a GAN (Salimans et al. 2016, §5) against its control. The GAN run trains a
/// <see cref="SemiSupervisedCritic"/> on the labelled images' class loss plus the unsupervised real-vs-generated loss
/// on unlabelled and generated images, and a generator by feature matching; the baseline trains the very same critic,
/// from the same initial weights, on the labelled images' class loss alone, for the same number of steps.
/// </summary>
/// <remarks>Introduced in notebook 10.</remarks>
public static class SemiSupervisedTraining
{
    /// <summary>Method name of the GAN runs.</summary>
    public const string Gan = "GAN (K+1 classes)";

    /// <summary>Method name of the labels-only runs.</summary>
    public const string Baseline = "labels only";

    /// <summary>Trains the semi-supervised GAN with <paramref name="seed"/> and returns its test-accuracy curve.</summary>
    /// <param name="labelled">The labelled images (flat, pixels in [0, 1]).</param>
    /// <param name="unlabelled">Unlabelled training images [N, pixels] in [0, 1].</param>
    /// <param name="testImages">Test images [M, pixels].</param>
    /// <param name="testLabels">Their classes [M].</param>
    /// <param name="seed">Seeds the weights (the same as the baseline's with this seed), the noise and the batches.</param>
    /// <param name="options">Steps, batch size, learning rate.</param>
    public static SemiSupervisedRun TrainGan(LabelledSubset labelled, Tensor unlabelled, Tensor testImages, Tensor testLabels,
        int seed, SemiSupervisedOptions options) =>
        Train(Gan, labelled, unlabelled, testImages, testLabels, seed, options);

    /// <summary>Trains the same critic on the labelled images alone, with <paramref name="seed"/>, for the same steps.</summary>
    public static SemiSupervisedRun TrainBaseline(LabelledSubset labelled, Tensor testImages, Tensor testLabels,
        int seed, SemiSupervisedOptions options) =>
        Train(Baseline, labelled, null, testImages, testLabels, seed, options);

    static SemiSupervisedRun Train(string method, LabelledSubset labelled, Tensor? unlabelled, Tensor testImages, Tensor testLabels,
        int seed, SemiSupervisedOptions options)
    {
        Require.NotNull(labelled, nameof(labelled));
        Require.NotNull(testImages, nameof(testImages));
        Require.NotNull(testLabels, nameof(testLabels));
        Require.NotNull(options, nameof(options));
        options.Validate();
        int pixels = (int)labelled.Images.shape[1];
        if (unlabelled is not null && (unlabelled.ndim != 2 || unlabelled.size(1) != pixels))
            throw new ArgumentException(
                $"unlabelled has shape [{string.Join(", ", unlabelled.shape)}]: pass flat images [N, {pixels}] like the labelled ones (dataset.Flat).",
                nameof(unlabelled));
        var watch = Stopwatch.StartNew();
        Course.Reseed(seed);
        using var critic = new SemiSupervisedCritic(imageDim: pixels);   // the first draw after the seed: same weights in both methods
        using var generator = unlabelled is null ? null : new MlpGenerator(options.ZDim, pixels, hidden: 64);
        using var criticOpt = new CourseAdam(critic, options.LearningRate, options.Beta1);
        using var generatorOpt = generator is null ? null : new CourseAdam(generator, options.LearningRate, options.Beta1);
        using var batches = new Generator((ulong)seed + 1);
        using Scalar weight = options.UnlabelledWeight.ToScalar();   // held, not temporary (see Layers)
        var curve = new List<(int, double)>();
        for (int step = 1; step <= options.Steps; step++)
        {
            using (var scope = NewDisposeScope())
            {
                using var pick = randint(labelled.Count, [options.BatchSize], generator: batches);
                var x = labelled.Images.index_select(0, pick);
                var y = labelled.Labels.index_select(0, pick);
                criticOpt.zero_grad();
                var loss = SemiSupervisedLoss.Supervised(critic.forward(x), y);
                if (generator is not null && unlabelled is not null)
                {
                    var real = Batch(unlabelled, options.BatchSize, batches);
                    var fake = generator.forward(Noise.Sample(options.BatchSize, options.ZDim));
                    var unsupervised = SemiSupervisedLoss.Unsupervised(critic.forward(real), critic.forward(fake.detach()));
                    loss = loss + unsupervised.mul(weight);
                }
                loss.backward();
                criticOpt.step();
                if (generator is not null && generatorOpt is not null && unlabelled is not null)
                {
                    generatorOpt.zero_grad();
                    Tensor target;
                    using (no_grad()) target = critic.Features(Batch(unlabelled, options.BatchSize, batches));
                    var fake = generator.forward(Noise.Sample(options.BatchSize, options.ZDim));
                    SemiSupervisedLoss.FeatureMatching(target, critic.Features(fake)).backward();
                    generatorOpt.step();
                }
            }
            if (step % options.EvaluateEvery == 0 || step == options.Steps)
                curve.Add((step, critic.Accuracy(testImages, testLabels)));
        }
        return new SemiSupervisedRun(method, seed, curve, watch.Elapsed);
    }

    static Tensor Batch(Tensor images, int size, Generator rng)
    {
        using var pick = randint(images.size(0), [size], generator: rng);
        return images.index_select(0, pick);
    }
}
