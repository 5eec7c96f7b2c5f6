using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>
/// One step of Algorithm 1 of the GAN paper with k = 1, as the student writes it in notebook 06b: a D step on
/// <paramref name="real"/> and a batch of generated images (with its optimizer), then a G step (with its optimizer).
/// Returns the two losses of the step.
/// </summary>
public delegate (double DiscriminatorLoss, double GeneratorLoss) GanStep(
    nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator,
    CourseAdam generatorOptimizer, CourseAdam discriminatorOptimizer, Tensor real, int zDim);

public static partial class BuildAGanChecks
{
    const float Stale = 1e6f;   // gradients left from an earlier step, planted before the student's step runs

    /// <summary>
    /// Checks one step of Algorithm 1 (<see cref="GanStep"/>) on a small GAN (z of length 8, 12 "pixels") by watching
    /// both optimizers: each steps exactly once, D first; when D steps, its gradients are fresh (zeroed, then filled by
    /// its loss) and G's gradients untouched (the fakes were detached); when G steps, its gradients are fresh and not
    /// zero (its loss reaches it through D); the D step leaves G's weights as they were and the G step leaves D's; the D
    /// step makes D better at telling real from generated images and the G step makes D(G(z)) larger, measured on a
    /// separate batch; and both returned losses are finite. The step runs twice, planting stale gradients in D's buffer
    /// first and in G's the second time, so a missing zero_grad shows.
    /// </summary>
    public static BuildCheck TrainStep(GanStep step) => TrainStep(step, Seed);

    internal static BuildCheck TrainStep(GanStep step, long randomSeed)
    {
        ArgumentNullException.ThrowIfNull(step);
        const int ZDim = 8, ImageDim = 12, Batch = 32;
        using var seed = new BuildCheck.FixedSeed(randomSeed);
        using var scope = NewDisposeScope();
        using var generator = nn.Sequential(new GeneratorBlock(ZDim, 16), nn.Linear(16, ImageDim), nn.Sigmoid());
        using var discriminator = nn.Sequential(new DiscriminatorBlock(ImageDim, 16), nn.Linear(16, 1));
        using var gOpt = new CourseAdam(generator, lr: 1e-2, beta1: 0.5);
        using var dOpt = new CourseAdam(discriminator, lr: 1e-2, beta1: 0.5);
        var real = rand(Batch, ImageDim).sqrt();     // brighter on average than an untrained G's grey (≈ 0.5)
        var probe = randn(256, ZDim);                // noise for measuring each update on a batch the step never saw
        var watch = new StepWatch(generator, discriminator, gOpt, dOpt, real, probe);
        foreach (bool staleInD in new[] { true, false })
        {
            watch.Start(staleInD);
            object returned;
            using (NewDisposeScope())
                if (BuildCheck.Run("TrainStep", () => (object)step(generator, discriminator, gOpt, dOpt, real, ZDim), out returned)
                    is { } failed)
                    return failed;
            var (dLoss, gLoss) = ((double, double))returned;
            if (watch.Verdict(staleInD) is { } problem) return BuildCheck.Fail(problem);
            if (!double.IsFinite(dLoss) || !double.IsFinite(gLoss))
                return BuildCheck.Fail($"TrainStep returned the losses ({BuildCheck.Show(dLoss)}, {BuildCheck.Show(gLoss)}): return " +
                                       "the D step's and the G step's loss as numbers (e.g. dLoss.item<float>()).");
        }
        return BuildCheck.Pass("D steps first with fresh gradients and detached fakes, then G with fresh gradients through D; " +
                               "each update changes only its own player and improves it on a batch it never saw.");
    }

    /// <summary>What the optimizers saw during one call of the student's step.</summary>
    sealed class StepWatch
    {
        readonly nn.Module<Tensor, Tensor> generator, discriminator;
        readonly CourseAdam gOpt, dOpt;
        readonly Tensor real, probe;
        readonly List<(string Event, Snapshot State)> events = [];
        Snapshot? entry;

        public StepWatch(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> discriminator, CourseAdam gOpt,
            CourseAdam dOpt, Tensor real, Tensor probe)
        {
            (this.generator, this.discriminator, this.gOpt, this.dOpt, this.real, this.probe) =
                (generator, discriminator, gOpt, dOpt, real, probe);
            dOpt.BeforeStep = () => events.Add(("D before", Take()));
            dOpt.AfterStep = () => events.Add(("D after", Take()));
            gOpt.BeforeStep = () => events.Add(("G before", Take()));
            gOpt.AfterStep = () => events.Add(("G after", Take()));
        }

        /// <summary>Plants stale gradients in one player's buffer (zeros in the other's) and records the weights.</summary>
        public void Start(bool staleInD)
        {
            events.Clear();
            using (NewDisposeScope())
            using (no_grad())
            {
                Fill(dOpt.Gradients, staleInD ? Stale : 0f);
                Fill(gOpt.Gradients, staleInD ? 0f : Stale);
            }
            entry = Take();
        }

        static void Fill(Tensor buffer, float value) =>
            buffer.copy_(tensor(Enumerable.Repeat(value, (int)buffer.numel()).ToArray()));

        Snapshot Take()
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var fakeLogits = discriminator.forward(generator.forward(probe));
            var realLogits = discriminator.forward(real);
            return new Snapshot(Values(gOpt.Values), Values(dOpt.Values), Values(gOpt.Gradients), Values(dOpt.Gradients),
                global::GanCourse.DiscriminatorLoss.Standard(realLogits, fakeLogits).ToDouble(),
                global::GanCourse.GeneratorLoss.NonSaturating(fakeLogits).ToDouble());
        }

        /// <summary>The first thing wrong with the call just made, or null.</summary>
        public string? Verdict(bool staleInD)
        {
            int dSteps = events.Count(e => e.Event == "D before"), gSteps = events.Count(e => e.Event == "G before");
            if (dSteps == 0) return "dOpt.step() was never called: the D step must update D with D's optimizer.";
            if (gSteps == 0) return "gOpt.step() was never called: the G step must update G with G's optimizer.";
            if (dSteps > 1 || gSteps > 1)
                return $"dOpt.step() ran {dSteps} times and gOpt.step() {gSteps} times: one step of Algorithm 1 (k = 1) updates " +
                       "each player once.";
            int d = events.FindIndex(e => e.Event == "D before"), g = events.FindIndex(e => e.Event == "G before");
            if (g < d) return "G was updated before D: Algorithm 1 takes the D step first, then the G step.";
            Snapshot dBefore = events[d].State, dAfter = events[d + 1].State, gBefore = events[g].State, gAfter = events[g + 1].State;

            if (staleInD && dBefore.DGradients.Any(x => Math.Abs(x) >= Stale / 10))
                return "when dOpt.step() ran, D's gradients still held values from before this step: call dOpt.zero_grad() " +
                       "(the optimizer's, not the module's) before dLoss.backward().";
            if (dBefore.DGradients.All(x => x == 0))
                return "D's gradients were all zero when dOpt.step() ran: the order is dOpt.zero_grad(), dLoss.backward(), dOpt.step().";
            if (dBefore.DGradients.Any(x => !float.IsFinite(x))) return "D's gradients were not finite when dOpt.step() ran.";
            if (staleInD && dBefore.GGradients.Any(x => x != 0))
                return "the D loss sent gradients into G: detach the generated images in the D step (D.forward(fake.detach())), " +
                       "so that training D cannot touch G.";
            if (!(dAfter.DiscriminatorLoss < dBefore.DiscriminatorLoss))
                return "after dOpt.step(), D tells real from generated images worse than before (its loss on a fresh batch went " +
                       "up): the D loss must give the real images target 1 and the generated ones target 0; check the order of " +
                       "the arguments of your DLoss call.";
            if (!entry!.GValues.SequenceEqual(gBefore.GValues))
                return "G's weights changed before gOpt.step() ran: during the D step only D's optimizer may change anything.";

            if (!staleInD && gBefore.GGradients.Any(x => Math.Abs(x) >= Stale / 10))
                return "when gOpt.step() ran, G's gradients still held values from before this step: call gOpt.zero_grad() " +
                       "(the optimizer's, not the module's) before gLoss.backward().";
            if (gBefore.GGradients.All(x => x == 0))
                return "G's gradients were all zero when gOpt.step() ran: the G loss must reach G through D, so compute it from " +
                       "D.forward(G(z)) without detach(), and call gLoss.backward() before gOpt.step().";
            if (gBefore.GGradients.Any(x => !float.IsFinite(x))) return "G's gradients were not finite when gOpt.step() ran.";
            if (!(gAfter.GeneratorLoss < gBefore.GeneratorLoss))
                return "after gOpt.step(), D is surer than before that the generated images are fake (G's loss on a fresh batch " +
                       "went up): the G step must push D(G(z)) up, with the generator loss (target 1).";
            var final = Take();
            if (!dAfter.DValues.SequenceEqual(final.DValues))
                return "D's weights changed after the D step: during the G step only G's optimizer may change anything.";
            return null;
        }
    }

    sealed record Snapshot(float[] GValues, float[] DValues, float[] GGradients, float[] DGradients,
        double DiscriminatorLoss, double GeneratorLoss);
}
