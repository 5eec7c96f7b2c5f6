using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace GanCourse.Tests.Exercises;

/// <summary>
/// Notebook 06b's checks pass on the reference solutions (the notebook's, with <c>solutions = true</c>) and fail, with
/// the message naming the mistake, on plausible wrong answers.
/// </summary>
public class BuildAGanChecksTests
{
    // ---- reference solutions (as in notebooks/06b-build-your-own-gan.ipynb) ----

    static Tensor SampleNoise(int n, int zDim) => randn(n, zDim);

    static nn.Module<Tensor, Tensor> GeneratorBlock(int inFeatures, int outFeatures) =>
        nn.Sequential(nn.Linear(inFeatures, outFeatures), Layers.BatchNorm1d(outFeatures), nn.ReLU());

    static nn.Module<Tensor, Tensor> DiscriminatorBlock(int inFeatures, int outFeatures) =>
        nn.Sequential(nn.Linear(inFeatures, outFeatures), Layers.LeakyReLU(0.2));

    static Tensor DLoss(Tensor realLogits, Tensor fakeLogits) =>
        stack([binary_cross_entropy_with_logits(realLogits, ones_like(realLogits)),
               binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits))]).mean();

    static Tensor GLoss(Tensor fakeLogits) => binary_cross_entropy_with_logits(fakeLogits, ones_like(fakeLogits));

    static (double, double) TrainStep(nn.Module<Tensor, Tensor> g, nn.Module<Tensor, Tensor> d, CourseAdam optG, CourseAdam optD,
        Tensor real, int zDim)
    {
        int n = (int)real.shape[0];
        optD.zero_grad();
        var fake = g.forward(SampleNoise(n, zDim));
        var dLoss = DLoss(d.forward(real), d.forward(fake.detach()));
        dLoss.backward();
        optD.step();
        optG.zero_grad();
        var gLoss = GLoss(d.forward(g.forward(SampleNoise(n, zDim))));
        gLoss.backward();
        optG.step();
        return (dLoss.item<float>(), gLoss.item<float>());
    }

    static void Passes(BuildCheck check) => Assert.True(check.Passed, check.Message);

    static void FailsSaying(BuildCheck check, string fragment)
    {
        Assert.False(check.Passed, "the check passed a wrong answer");
        Assert.Contains(fragment, check.Message);
    }

    // ---- the reference solutions pass, whatever the random draw ----

    [Fact]
    public void ReferenceSolutionsPass()
    {
        Passes(BuildAGanChecks.Noise(SampleNoise));
        Passes(BuildAGanChecks.GeneratorBlock(GeneratorBlock));
        Passes(BuildAGanChecks.DiscriminatorBlock(DiscriminatorBlock));
        Passes(BuildAGanChecks.DiscriminatorLoss(DLoss));
        Passes(BuildAGanChecks.GeneratorLoss(GLoss));
        Passes(BuildAGanChecks.TrainStep(TrainStep));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(1234)]
    [InlineData(99991)]
    public void ReferenceSolutionsPassOnOtherSeeds(long seed)
    {
        Passes(BuildAGanChecks.Noise(SampleNoise, seed));
        Passes(BuildAGanChecks.GeneratorBlock(GeneratorBlock, seed));
        Passes(BuildAGanChecks.DiscriminatorBlock(DiscriminatorBlock, seed));
        Passes(BuildAGanChecks.TrainStep(TrainStep, seed));
    }

    [Fact]
    public void ChecksLeaveTheNotebooksRandomStateAsItWas()
    {
        torch.manual_seed(5);
        using var before = torch.get_rng_state();
        BuildAGanChecks.Noise(SampleNoise);
        BuildAGanChecks.TrainStep(TrainStep);
        using var after = torch.get_rng_state();
        Assert.True(before.eq(after).all().item<bool>());
    }

    [Fact]
    public void PlaceholdersAreReportedAsNotWrittenYet()
    {
        const string notYet = "not written yet";
        FailsSaying(BuildAGanChecks.Noise((_, _) => throw new NotImplementedException()), notYet);
        FailsSaying(BuildAGanChecks.GeneratorBlock((_, _) => throw new NotImplementedException()), notYet);
        FailsSaying(BuildAGanChecks.DiscriminatorBlock((_, _) => throw new NotImplementedException()), notYet);
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((_, _) => throw new NotImplementedException()), notYet);
        FailsSaying(BuildAGanChecks.GeneratorLoss(_ => throw new NotImplementedException()), notYet);
        FailsSaying(BuildAGanChecks.TrainStep((_, _, _, _, _, _) => throw new NotImplementedException()), notYet);
    }

    // ---- noise ----

    [Fact]
    public void UniformNoiseFails()
    {
        FailsSaying(BuildAGanChecks.Noise((n, z) => rand(n, z)), "far from 0");
        // Uniform on [-√3, √3): mean 0 and spread 1 like N(0, 1), but no tails.
        FailsSaying(BuildAGanChecks.Noise((n, z) => (rand(n, z) - 0.5) * Math.Sqrt(12)), "not normally distributed");
    }

    [Fact]
    public void WronglyScaledShapedOrTypedNoiseFails()
    {
        FailsSaying(BuildAGanChecks.Noise((n, z) => randn(n, z) * 2), "standard deviation");
        FailsSaying(BuildAGanChecks.Noise((n, z) => randn(z, n)), "must be [1000, 100]");
        FailsSaying(BuildAGanChecks.Noise((n, z) => randn(n, 100)), "must be [5, 64]");
        FailsSaying(BuildAGanChecks.Noise((n, z) => randn(n, z, dtype: ScalarType.Float64)), "Float32");
    }

    [Fact]
    public void NoiseThatIsNotFreshFails()
    {
        FailsSaying(BuildAGanChecks.Noise((n, z) => randn(1, z).expand(n, z)), "same vector");
        FailsSaying(BuildAGanChecks.Noise((n, z) => randn(n, z, generator: new torch.Generator(0))), "same numbers");
    }

    // ---- generator block ----

    [Fact]
    public void GeneratorBlockWithoutBatchNormFails() =>
        FailsSaying(BuildAGanChecks.GeneratorBlock((i, o) => nn.Sequential(nn.Linear(i, o), nn.ReLU())), "no batch norm");

    [Fact]
    public void GeneratorBlockWithBatchNormInTheWrongPlaceFails()
    {
        FailsSaying(BuildAGanChecks.GeneratorBlock((i, o) => nn.Sequential(nn.Linear(i, o), nn.ReLU(), Layers.BatchNorm1d(o))),
            "negative values");
        FailsSaying(BuildAGanChecks.GeneratorBlock((i, o) => nn.Sequential(Layers.BatchNorm1d(i), nn.Linear(i, o), nn.ReLU())),
            "right after the Linear");
    }

    [Fact]
    public void GeneratorBlockWithAnotherActivationFails()
    {
        FailsSaying(BuildAGanChecks.GeneratorBlock((i, o) =>
            nn.Sequential(nn.Linear(i, o), Layers.BatchNorm1d(o), Layers.LeakyReLU(0.2))), "negative values");
        FailsSaying(BuildAGanChecks.GeneratorBlock((i, o) =>
            nn.Sequential(nn.Linear(i, o), Layers.BatchNorm1d(o), nn.Sigmoid())), "exactly 0");
    }

    [Fact]
    public void GeneratorBlockEndingInAnInPlaceReLUPasses() =>   // the assignment's own solution uses nn.ReLU(inplace=True)
        Passes(BuildAGanChecks.GeneratorBlock((i, o) => nn.Sequential(nn.Linear(i, o), Layers.BatchNorm1d(o), nn.ReLU(inplace: true))));

    [Fact]
    public void GeneratorBlockWithTorchSharpsBatchNormFails() =>
        FailsSaying(BuildAGanChecks.GeneratorBlock((i, o) => nn.Sequential(nn.Linear(i, o), nn.BatchNorm1d(o), nn.ReLU())),
            "Layers.BatchNorm1d");

    [Fact]
    public void GeneratorBlockOfTheWrongWidthFails() =>
        FailsSaying(BuildAGanChecks.GeneratorBlock((i, o) => nn.Sequential(nn.Linear(i, 2 * o), Layers.BatchNorm1d(2 * o), nn.ReLU())),
            "must be [1000, 12]");

    [Fact]
    public void GeneratorBlockCutOffFromItsWeightsFails() =>
        FailsSaying(BuildAGanChecks.GeneratorBlock((i, o) => nn.Sequential(GeneratorBlock(i, o), new Detach())), "cut off");

    // ---- discriminator block ----

    [Fact]
    public void DiscriminatorBlockWithAPlainReLUFails() =>
        FailsSaying(BuildAGanChecks.DiscriminatorBlock((i, o) => nn.Sequential(nn.Linear(i, o), nn.ReLU())), "never outputs a negative");

    [Fact]
    public void DiscriminatorBlockWithTheWrongSlopeFails()
    {
        FailsSaying(BuildAGanChecks.DiscriminatorBlock((i, o) => nn.Sequential(nn.Linear(i, o), Layers.LeakyReLU(0.01))),
            "negative slope 0.01");
        FailsSaying(BuildAGanChecks.DiscriminatorBlock((i, o) => nn.Sequential(nn.Linear(i, o), new Scale(0.5))),
            "not squeezed enough");
        FailsSaying(BuildAGanChecks.DiscriminatorBlock((i, o) => nn.Sequential(nn.Linear(i, o), new Leak(0.02))),
            "squeezed too much");
    }

    [Fact]
    public void DiscriminatorBlockWithTorchSharpsLeakyReLUOrABatchNormFails()
    {
        FailsSaying(BuildAGanChecks.DiscriminatorBlock((i, o) => nn.Sequential(nn.Linear(i, o), nn.LeakyReLU(0.2))),
            "Layers.LeakyReLU(0.2)");
        FailsSaying(BuildAGanChecks.DiscriminatorBlock((i, o) =>
            nn.Sequential(nn.Linear(i, o), Layers.BatchNorm1d(o), Layers.LeakyReLU(0.2))), "batch norm");
    }

    [Fact]
    public void BlockWhoseOutputIsDisposedFailsWithoutThrowing() =>   // TorchSharp 0.107's nn.Hardtanh inside nn.Sequential
        FailsSaying(BuildAGanChecks.DiscriminatorBlock((i, o) => nn.Sequential(nn.Linear(i, o), nn.Hardtanh(-0.01, 10))),
            "already disposed");

    [Fact]
    public void DiscriminatorBlockWithTheWrongSpreadFails() =>
        FailsSaying(BuildAGanChecks.DiscriminatorBlock((i, o) =>
            nn.Sequential(nn.Linear(i, o), Layers.LeakyReLU(0.2), new Scale(3))), "standard deviation");

    // ---- discriminator loss ----

    [Fact]
    public void DiscriminatorLossWithSwappedLabelsFails() =>
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((r, f) => DLoss(f, r)), "labels swapped");

    [Fact]
    public void DiscriminatorLossWithTheSigmoidAppliedTwiceFails() =>
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((r, f) => DLoss(r.sigmoid(), f.sigmoid())), "after a sigmoid");

    [Fact]
    public void DiscriminatorLossThatAddsTheHalvesFails() =>
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((r, f) =>
            binary_cross_entropy_with_logits(r, ones_like(r)) + binary_cross_entropy_with_logits(f, zeros_like(f))), "sum of the two halves");

    [Fact]
    public void DiscriminatorLossWithAGeneratedTargetOfOneFails() =>
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((r, f) => stack([GLoss(r), GLoss(f)]).mean()), "target 1 as well");

    [Fact]
    public void DiscriminatorLossThroughProbabilitiesFailsOnConfidentLogits()
    {
        // Mathematically the same function, but sigmoid(±200) rounds to 0 or 1 and the log is clamped or infinite.
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((r, f) => stack([
            binary_cross_entropy(r.sigmoid(), ones_like(r)), binary_cross_entropy(f.sigmoid(), zeros_like(f))]).mean()), "sure and wrong");
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((r, f) => stack([
            -r.sigmoid().log().mean(), -(ones_like(f) - f.sigmoid()).log().mean()]).mean()), "sure and wrong");
    }

    [Fact]
    public void DiscriminatorLossOnLogitsWithTheProbabilityLossNamesTheFix() =>
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((r, f) => stack([
            binary_cross_entropy(r, ones_like(r)), binary_cross_entropy(f, zeros_like(f))]).mean()), "binary_cross_entropy_with_logits");

    [Fact]
    public void DiscriminatorLossThatIsNotOneDifferentiableNumberFails()
    {
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((r, f) =>
            binary_cross_entropy_with_logits(cat([r, f]), cat([ones_like(r), zeros_like(f)]), reduction: nn.Reduction.None)), "one number");
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((r, f) => tensor(DLoss(r, f).item<float>())), "cut off");
        // The right value, but the generated half enters as a constant: no gradient for the fake logits.
        FailsSaying(BuildAGanChecks.DiscriminatorLoss((r, f) =>
            binary_cross_entropy_with_logits(r, ones_like(r)) / 2 + binary_cross_entropy_with_logits(f, zeros_like(f)).item<float>() / 2),
            "generated logits");
    }

    // ---- generator loss ----

    [Fact]
    public void GeneratorLossThatIsTheMinimaxCostFails() =>
        FailsSaying(BuildAGanChecks.GeneratorLoss(f => -binary_cross_entropy_with_logits(f, zeros_like(f))), "minimax");

    [Fact]
    public void GeneratorLossWithTargetZeroFails() =>
        FailsSaying(BuildAGanChecks.GeneratorLoss(f => binary_cross_entropy_with_logits(f, zeros_like(f))), "target 0");

    [Fact]
    public void GeneratorLossWithTheSigmoidAppliedTwiceFails() =>
        FailsSaying(BuildAGanChecks.GeneratorLoss(f => GLoss(f.sigmoid())), "after a sigmoid");

    [Fact]
    public void GeneratorLossWithAFactorOneHalfFails() =>
        FailsSaying(BuildAGanChecks.GeneratorLoss(f => GLoss(f) / 2), "factor ½");

    [Fact]
    public void GeneratorLossThroughLogSigmoidFailsOnConfidentLogits() =>
        FailsSaying(BuildAGanChecks.GeneratorLoss(f => -f.sigmoid().log().mean()), "with certainty");

    // ---- one step of Algorithm 1 ----

    /// <summary>One mistake a step of Algorithm 1 can make; the default is the reference solution.</summary>
    sealed record Flaws
    {
        public bool NoDetachInDStep { get; init; }      // D's loss reaches G
        public bool NoZeroGradForD { get; init; }
        public bool NoZeroGradForG { get; init; }
        public bool ZeroGradOfTheModules { get; init; } // module.zero_grad() instead of the optimizer's
        public bool DetachInGStep { get; init; }        // G cut off from its own loss
        public bool GStepFirst { get; init; }
        public bool DLabelsSwapped { get; init; }
        public bool GTargetZero { get; init; }
        public bool NoGStep { get; init; }
    }

    static GanStep StepWith(Flaws flaws) => (g, d, optG, optD, real, zDim) =>
    {
        int n = (int)real.shape[0];
        double gLoss = double.NaN;
        if (flaws.GStepFirst) gLoss = GStep();
        if (flaws.NoDetachInDStep) optG.zero_grad();    // G's gradients start at zero, so D's loss shows in them
        if (flaws.ZeroGradOfTheModules) d.zero_grad();
        else if (!flaws.NoZeroGradForD) optD.zero_grad();
        var fake = g.forward(SampleNoise(n, zDim));
        var fakeLogits = d.forward(flaws.NoDetachInDStep ? fake : fake.detach());
        var dLoss = flaws.DLabelsSwapped ? DLoss(fakeLogits, d.forward(real)) : DLoss(d.forward(real), fakeLogits);
        dLoss.backward();
        optD.step();
        if (!flaws.GStepFirst && !flaws.NoGStep) gLoss = GStep();
        return (dLoss.item<float>(), gLoss);

        double GStep()
        {
            if (flaws.ZeroGradOfTheModules) g.zero_grad();
            else if (!flaws.NoZeroGradForG) optG.zero_grad();
            var images = g.forward(SampleNoise(n, zDim));
            var logits = d.forward(flaws.DetachInGStep ? images.detach() : images);
            var loss = flaws.GTargetZero ? binary_cross_entropy_with_logits(logits, zeros_like(logits)) : GLoss(logits);
            loss.backward();
            optG.step();
            return loss.item<float>();
        }
    };

    [Fact]
    public void StepWithAllFlawsOffIsTheReferenceAndPasses() => Passes(BuildAGanChecks.TrainStep(StepWith(new Flaws())));

    [Fact]
    public void StepWithoutDetachFails() =>
        FailsSaying(BuildAGanChecks.TrainStep(StepWith(new Flaws { NoDetachInDStep = true })), "detach the generated images");

    [Fact]
    public void StepWithoutZeroingDsGradientsFails() =>
        FailsSaying(BuildAGanChecks.TrainStep(StepWith(new Flaws { NoZeroGradForD = true })), "call dOpt.zero_grad()");

    [Fact]
    public void StepZeroingTheModulesInsteadOfTheOptimizersGradientsFails() =>
        FailsSaying(BuildAGanChecks.TrainStep(StepWith(new Flaws { ZeroGradOfTheModules = true })), "not the module's");

    [Fact]
    public void StepWithoutZeroingGsGradientsFails() =>
        FailsSaying(BuildAGanChecks.TrainStep(StepWith(new Flaws { NoZeroGradForG = true })), "call gOpt.zero_grad()");

    [Fact]
    public void StepThatDetachesInTheGStepFails() =>
        FailsSaying(BuildAGanChecks.TrainStep(StepWith(new Flaws { DetachInGStep = true })), "without detach()");

    [Fact]
    public void StepThatUpdatesGFirstFails() =>
        FailsSaying(BuildAGanChecks.TrainStep(StepWith(new Flaws { GStepFirst = true })), "G was updated before D");

    [Fact]
    public void StepWithTheDLossArgumentsSwappedFails() =>
        FailsSaying(BuildAGanChecks.TrainStep(StepWith(new Flaws { DLabelsSwapped = true })), "worse than before");

    [Fact]
    public void StepWhoseGeneratorAimsForTargetZeroFails() =>
        FailsSaying(BuildAGanChecks.TrainStep(StepWith(new Flaws { GTargetZero = true })), "push D(G(z)) up");

    [Fact]
    public void StepWithoutAGStepFails() =>
        FailsSaying(BuildAGanChecks.TrainStep(StepWith(new Flaws { NoGStep = true })), "gOpt.step() was never called");

    [Fact]
    public void StepReusingTheDStepsGraphForTheGLossNamesTheFix() =>
        FailsSaying(BuildAGanChecks.TrainStep((g, d, optG, optD, real, zDim) =>
        {
            optD.zero_grad();
            var fakeLogits = d.forward(g.forward(SampleNoise((int)real.shape[0], zDim)));
            var dLoss = DLoss(d.forward(real), fakeLogits);
            dLoss.backward();
            optD.step();
            optG.zero_grad();
            var gLoss = GLoss(fakeLogits);
            gLoss.backward();
            optG.step();
            return (dLoss.item<float>(), gLoss.item<float>());
        }), "run D on G(z)");

    [Fact]
    public void StepReturningNaNLossesFails() =>
        FailsSaying(BuildAGanChecks.TrainStep((g, d, optG, optD, real, zDim) =>
        {
            TrainStep(g, d, optG, optD, real, zDim);
            return (double.NaN, double.NaN);
        }), "losses");

    /// <summary>Returns its input detached: a block whose output is cut off from its weights.</summary>
    sealed class Detach() : nn.Module<Tensor, Tensor>("Detach")
    {
        public override Tensor forward(Tensor input) => input.detach();
    }

    /// <summary>max(x, slope·x), but not the course's LeakyReLU type: only its behaviour shows the slope.</summary>
    sealed class Leak(double slope) : nn.Module<Tensor, Tensor>("Leak")
    {
        readonly Scalar slope = slope.ToScalar();

        public override Tensor forward(Tensor input) => input.leaky_relu(slope);

        protected override void Dispose(bool disposing)
        {
            if (disposing) slope.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Multiplies by a constant factor.</summary>
    sealed class Scale(double factor) : nn.Module<Tensor, Tensor>("Scale")
    {
        readonly Scalar factor = factor.ToScalar();

        public override Tensor forward(Tensor input) => input.mul(factor);

        protected override void Dispose(bool disposing)
        {
            if (disposing) factor.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>A failed check of notebook 06b prints like every exercise check and throws in strict mode (CI).</summary>
[Collection("Console")] // redirects Console.Out and sets Exercise.Strict
public class BuildCheckReportTests
{
    [Fact]
    public void ReportPrintsTheMessageAndThrowsInStrictMode()
    {
        var check = BuildAGanChecks.GeneratorLoss(f => binary_cross_entropy_with_logits(f, ones_like(f)) / 2);
        var (ok, printed) = ConsoleCapture.Run(() => check.Report("Exercise 5"));
        Assert.False(ok);
        Assert.Contains("❌ Exercise 5", printed);
        Assert.Contains("factor ½", printed);
        Exercise.Strict = true;
        try
        {
            var e = Assert.Throws<ExerciseFailedException>(() => check.Report("Exercise 5"));
            Assert.Contains("factor ½", e.Message);
        }
        finally
        {
            Exercise.Strict = false;
        }
    }
}
