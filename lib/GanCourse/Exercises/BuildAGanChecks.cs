using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// The checks of notebook 06b, where students write the lecture's GAN themselves: the noise sampler, a generator block,
/// a discriminator block, both losses from logits and one step of Algorithm 1 (<see cref="TrainStep(GanStep)"/>). They test
/// behaviour the way DeepLearning.AI's "Your first GAN" assignment does (shapes, output range and spread, the loss on
/// known inputs, which weights each step may change, that gradients flow), on fixed random seeds (the notebook's own
/// random state is restored afterwards), and name the mistake when they can: a missing detach, a sigmoid applied twice,
/// swapped labels, no batch norm, a wrong LeakyReLU slope, uniform noise. Each returns a <see cref="BuildCheck"/>;
/// the notebook prints it with <see cref="BuildCheck.Report"/>.
/// </summary>
/// <remarks>Introduced in notebook 06b.</remarks>
public static partial class BuildAGanChecks
{
    const long Seed = 2016;

    /// <summary>
    /// Checks <c>SampleNoise(n, zDim)</c>: shape [n, zDim], float32, fresh standard normal draws (mean 0, standard deviation
    /// within 0.01 of 1 over 1000 × 100 draws as in the assignment, a normal's share of values beyond ±2, a different
    /// vector per row and per call).
    /// </summary>
    public static BuildCheck Noise(Func<int, int, Tensor> sampleNoise) => Noise(sampleNoise, Seed);

    internal static BuildCheck Noise(Func<int, int, Tensor> sampleNoise, long randomSeed)
    {
        ArgumentNullException.ThrowIfNull(sampleNoise);
        using var seed = new BuildCheck.FixedSeed(randomSeed);
        using var scope = NewDisposeScope();
        if (BuildCheck.Run("SampleNoise(1000, 100)", () => sampleNoise(1000, 100), out var z) is { } failed) return failed;
        if (z.ndim != 2 || z.shape[0] != 1000 || z.shape[1] != 100)
            return BuildCheck.Fail($"SampleNoise(1000, 100) has shape {BuildCheck.Shape(z)}; it must be [1000, 100]: one row of " +
                                   "zDim numbers per sample.");
        if (z.dtype != ScalarType.Float32)
            return BuildCheck.Fail($"the noise is {z.dtype}; the models' weights are Float32, so the noise must be too " +
                                   "(randn's default).");
        float[] v = Values(z);
        if (v.Any(x => !float.IsFinite(x))) return BuildCheck.Fail("the noise holds NaN or infinite values.");
        double rowSpread = Enumerable.Range(0, 100).Average(j => ColumnStd(v, 100, j));
        if (rowSpread < 0.1 * Std(v))
            return BuildCheck.Fail("the 1000 rows are (nearly) the same vector: every sample needs its own noise vector, e.g. " +
                                   "randn(n, zDim) rather than one vector repeated.");
        double mean = v.Average(x => (double)x);
        double std = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        if (Math.Abs(mean) > 0.02)
            return BuildCheck.Fail($"the mean of 100,000 draws is {BuildCheck.Show(mean)}, far from 0: z ~ N(0, 1) is centred at 0 " +
                                   "(rand() would draw uniformly from [0, 1) instead; randn draws from N(0, 1)).");
        if (Math.Abs(std - 1) >= 0.01)
            return BuildCheck.Fail($"the standard deviation of 100,000 draws is {BuildCheck.Show(std)}, not close enough to the " +
                                   "standard normal's 1: draw from N(0, 1) (randn), unscaled.");
        double tails = v.Count(x => Math.Abs(x) > 2) / (double)v.Length;
        if (tails < 0.035 || tails > 0.056)
            return BuildCheck.Fail($"{tails:P2} of the draws lie beyond ±2, but a standard normal puts about 4.6% there: the values " +
                                   "have the right mean and spread but are not normally distributed (uniform noise rescaled to " +
                                   "spread 1 looks like this); draw them with randn.");
        if (BuildCheck.Run("a second SampleNoise(1000, 100)", () => sampleNoise(1000, 100), out var again) is { } failed2) return failed2;
        if (again.shape.SequenceEqual(z.shape) && Values(again).SequenceEqual(v))
            return BuildCheck.Fail("two calls returned the same numbers: draw new noise on every call (no fixed seed or stored " +
                                   "tensor inside SampleNoise).");
        if (BuildCheck.Run("SampleNoise(5, 64)", () => sampleNoise(5, 64), out var small) is { } failed3) return failed3;
        if (small.ndim != 2 || small.shape[0] != 5 || small.shape[1] != 64)
            return BuildCheck.Fail($"SampleNoise(5, 64) has shape {BuildCheck.Shape(small)}; it must be [5, 64]: use both " +
                                   "arguments, n rows of zDim numbers.");
        return BuildCheck.Pass("shape [n, zDim], Float32, fresh draws with the mean, spread and tails of N(0, 1).");
    }

    /// <summary>
    /// Checks <c>BuildGeneratorBlock(in, out)</c> (Linear → BatchNorm1d → ReLU) as the assignment does, for (25, 12) and
    /// (15, 28) on 1000 standard normal inputs: output shape, no negative outputs and some exact zeros (a ReLU last), the
    /// spread of a batch-normalised unit after a ReLU (standard deviation in (0.55, 0.65)), gradients reaching the
    /// weights, and the batch norm being <see cref="Layers.BatchNorm1d"/>.
    /// </summary>
    public static BuildCheck GeneratorBlock(Func<int, int, nn.Module<Tensor, Tensor>> buildBlock) => GeneratorBlock(buildBlock, Seed);

    internal static BuildCheck GeneratorBlock(Func<int, int, nn.Module<Tensor, Tensor>> buildBlock, long randomSeed)
    {
        ArgumentNullException.ThrowIfNull(buildBlock);
        using var seed = new BuildCheck.FixedSeed(randomSeed);
        foreach (var (inFeatures, outFeatures) in new[] { (25, 12), (15, 28) })
        {
            using var scope = NewDisposeScope();
            string call = $"BuildGeneratorBlock({inFeatures}, {outFeatures})";
            if (BuildCheck.Run(call, () => buildBlock(inFeatures, outFeatures), out var block) is { } failed) return failed;
            using var owned = block;
            var modules = block.modules().ToList();
            if (modules.OfType<BatchNorm1d>().Any(b => b.num_batches_tracked is not null))
                return BuildCheck.Fail("the block uses TorchSharp's nn.BatchNorm1d. It computes the right thing, but in TorchSharp " +
                                       "0.107 it can crash a long training run (see the note on Layers above): use " +
                                       "Layers.BatchNorm1d(outFeatures) instead.");
            block.train();
            var x = randn(1000, inFeatures);
            if (BuildCheck.Run($"the forward pass of {call}", () => block.forward(x), out var y) is { } failedForward)
                return failedForward;
            if (y.ndim != 2 || y.shape[0] != 1000 || y.shape[1] != outFeatures)
                return BuildCheck.Fail($"{call} turns 1000 inputs into shape {BuildCheck.Shape(y)}; it must be [1000, {outFeatures}]: " +
                                       "the Linear maps inFeatures to outFeatures, and the batch norm has outFeatures units.");
            float[] v = Values(y);
            if (v.Any(t => !float.IsFinite(t))) return BuildCheck.Fail($"{call} outputs NaN or infinite values.");
            if (v.Min() < 0)
                return BuildCheck.Fail($"{call} outputs negative values, so its last layer is not a ReLU: the order is Linear, then " +
                                       "BatchNorm1d, then ReLU.");
            if (!v.Contains(0f))
                return BuildCheck.Fail($"no output of {call} is exactly 0, so it does not end with a ReLU (which zeroes every " +
                                       "negative input): the order is Linear, then BatchNorm1d, then ReLU.");
            double std = Std(v);
            bool hasNorm = modules.OfType<BatchNorm1d>().Any();
            if (std <= 0.55 || std >= 0.65)
                return BuildCheck.Fail($"the outputs of {call} have standard deviation {BuildCheck.Show(std)}, not the spread of a " +
                                       "batch-normalised unit passed through a ReLU. " + (hasNorm
                                           ? "Put the BatchNorm1d(outFeatures) right after the Linear and before the ReLU."
                                           : "There is no batch norm in the block: add Layers.BatchNorm1d(outFeatures) between the " +
                                             "Linear and the ReLU."));
            if (Flows(block, y) is { } noGradient) return BuildCheck.Fail($"{call}: {noGradient}");
        }
        return BuildCheck.Pass("Linear → BatchNorm1d → ReLU: right shapes, a ReLU last, the spread of a batch-normalised ReLU, " +
                               "gradients reach the weights.");
    }

    /// <summary>
    /// Checks <c>BuildDiscriminatorBlock(in, out)</c> (Linear → LeakyReLU with slope 0.2) as the assignment does, for (25, 12)
    /// and (15, 28) on 10,000 standard normal inputs: output shape, −min/max in (0.1, 0.3) (negative inputs kept, scaled
    /// by about 0.2), standard deviation in (0.3, 0.5), gradients reaching the weights, no batch norm, and the activation
    /// being <see cref="Layers.LeakyReLU"/> with slope 0.2.
    /// </summary>
    public static BuildCheck DiscriminatorBlock(Func<int, int, nn.Module<Tensor, Tensor>> buildBlock) =>
        DiscriminatorBlock(buildBlock, Seed);

    internal static BuildCheck DiscriminatorBlock(Func<int, int, nn.Module<Tensor, Tensor>> buildBlock, long randomSeed)
    {
        ArgumentNullException.ThrowIfNull(buildBlock);
        using var seed = new BuildCheck.FixedSeed(randomSeed);
        foreach (var (inFeatures, outFeatures) in new[] { (25, 12), (15, 28) })
        {
            using var scope = NewDisposeScope();
            string call = $"BuildDiscriminatorBlock({inFeatures}, {outFeatures})";
            if (BuildCheck.Run(call, () => buildBlock(inFeatures, outFeatures), out var block) is { } failed) return failed;
            using var owned = block;
            var modules = block.modules().ToList();
            if (modules.OfType<LeakyReLU>().Any())
                return BuildCheck.Fail("the block uses TorchSharp's nn.LeakyReLU. It computes the right thing, but in TorchSharp 0.107 " +
                                       "it can read a freed slope under load (see the note on Layers above): use " +
                                       "Layers.LeakyReLU(0.2) instead.");
            if (modules.OfType<FixedSlopeLeakyReLU>().FirstOrDefault(a => a.NegativeSlope != 0.2) is { } wrongSlope)
                return BuildCheck.Fail($"the block's LeakyReLU has negative slope {BuildCheck.Show(wrongSlope.NegativeSlope)}; the " +
                                       "lecture's discriminator uses 0.2.");
            if (modules.OfType<BatchNorm>().Any())
                return BuildCheck.Fail("the discriminator block has a batch norm; the lecture's has none: Linear, then LeakyReLU(0.2).");
            block.train();
            var x = randn(10_000, inFeatures);
            if (BuildCheck.Run($"the forward pass of {call}", () => block.forward(x), out var y) is { } failedForward)
                return failedForward;
            if (y.ndim != 2 || y.shape[0] != 10_000 || y.shape[1] != outFeatures)
                return BuildCheck.Fail($"{call} turns 10,000 inputs into shape {BuildCheck.Shape(y)}; it must be [10000, {outFeatures}]: " +
                                       "the Linear maps inFeatures to outFeatures.");
            float[] v = Values(y);
            if (v.Any(t => !float.IsFinite(t))) return BuildCheck.Fail($"{call} outputs NaN or infinite values.");
            double min = v.Min(), max = v.Max();
            if (min >= 0)
                return BuildCheck.Fail($"{call} never outputs a negative value: a plain ReLU (or a sigmoid) drops what a LeakyReLU keeps. " +
                                       "The block ends with Layers.LeakyReLU(0.2), which passes negative inputs scaled by 0.2.");
            double ratio = -min / max;
            if (ratio <= 0.1)
                return BuildCheck.Fail($"the most negative output is only {BuildCheck.Show(ratio)} times the largest positive one: the " +
                                       "negative side is squeezed too much. Is the slope 0.2? (nn.LeakyReLU's default is 0.01.)");
            if (ratio >= 0.3)
                return BuildCheck.Fail($"the most negative output is {BuildCheck.Show(ratio)} times the largest positive one: the negative " +
                                       "side is not squeezed enough. Is there a LeakyReLU with slope 0.2 after the Linear?");
            double std = Std(v);
            if (std <= 0.3 || std >= 0.5)
                return BuildCheck.Fail($"the outputs of {call} have standard deviation {BuildCheck.Show(std)}, not the spread of " +
                                       "Linear(inFeatures, outFeatures) with its default initialisation followed by LeakyReLU(0.2).");
            if (Flows(block, y) is { } noGradient) return BuildCheck.Fail($"{call}: {noGradient}");
        }
        return BuildCheck.Pass("Linear → LeakyReLU(0.2): right shapes, negative inputs kept and scaled, the expected spread, " +
                               "gradients reach the weights.");
    }

    /// <summary>Why no gradient reaches the block's weights from its output, or null when one does.</summary>
    static string? Flows(nn.Module<Tensor, Tensor> block, Tensor output)
    {
        var parameters = block.parameters().ToList();
        if (parameters.Count == 0) return "the block has no weights to train: it needs its nn.Linear(inFeatures, outFeatures).";
        if (!output.requires_grad)
            return "the output is cut off from the weights (a detach() or no_grad() inside?), so training could not change them.";
        block.zero_grad();
        output.sum().backward();
        return parameters.Any(p => p.grad is { } g && Values(g).Any(t => t != 0))
            ? null
            : "backward() from the output gives every weight a zero gradient, so training could not change them.";
    }

    /// <summary>A tensor's values as floats (copied to the CPU).</summary>
    internal static float[] Values(Tensor t)
    {
        using var cpu = t.detach().to(ScalarType.Float32).cpu().contiguous();
        return cpu.data<float>().ToArray();
    }

    static double Std(float[] v)
    {
        double mean = v.Average(x => (double)x);
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    static double ColumnStd(float[] v, int columns, int j)
    {
        int rows = v.Length / columns;
        double mean = 0;
        for (int i = 0; i < rows; i++) mean += v[i * columns + j];
        mean /= rows;
        double sum = 0;
        for (int i = 0; i < rows; i++) sum += (v[i * columns + j] - mean) * (v[i * columns + j] - mean);
        return Math.Sqrt(sum / (rows - 1));
    }
}
