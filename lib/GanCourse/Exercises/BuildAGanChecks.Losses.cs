using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

public static partial class BuildAGanChecks
{
    // Known logits: a batch of 8 real and 8 generated images as a half-trained critic might score them.
    static readonly float[] RealLogits = [2.1f, 0.3f, -0.7f, 1.6f, 3.0f, 0.9f, -1.4f, 1.2f];
    static readonly float[] FakeLogits = [-1.8f, 0.4f, -2.6f, -0.2f, 1.1f, -3.1f, -0.9f, 0.6f];
    // A critic that is sure, and wrong: sigmoid(±200) rounds to exactly 0 or 1 in float32.
    const float Confident = 200f;

    /// <summary>
    /// Checks <c>DLoss(realLogits, fakeLogits)</c>: one differentiable number, the binary cross-entropy of D's logits with
    /// target 1 for real and 0 for generated images, each half averaged over its batch and the two halves averaged
    /// (J(D) of Goodfellow's tutorial; the assignment's (real loss + fake loss) / 2), on known logits, with the right
    /// gradient, and finite for confident logits. A wrong value is matched against the usual mistakes (labels swapped,
    /// a sigmoid applied twice, halves added, one half missing, the sign flipped).
    /// </summary>
    public static BuildCheck DiscriminatorLoss(Func<Tensor, Tensor, Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        using var scope = NewDisposeScope();
        var real = Logits(RealLogits);
        var fake = Logits(FakeLogits);
        if (Evaluate("DLoss", () => loss(real, fake), out var value) is { } failed) return failed;
        if (NotFinite("DLoss", value) is { } infinite) return infinite;
        double expected = ReferenceD(RealLogits, FakeLogits);
        if (!Close(value.ToDouble(), expected))
            return BuildCheck.Fail($"on a known batch of 8 real and 8 generated logits your loss is " +
                                   $"{BuildCheck.Show(value.ToDouble())}: " + Diagnose(value.ToDouble(), DiscriminatorMistakes(),
                                       "it is not the binary cross-entropy with target 1 for real and 0 for generated images, each " +
                                       "half averaged over its batch and the two halves averaged."));
        value.backward();
        if (GradientProblem("the real logits", real, RealLogits.Select(r => -0.5 * Sigmoid(-r) / RealLogits.Length)) is { } realGrad)
            return BuildCheck.Fail(realGrad);
        if (GradientProblem("the generated logits", fake, FakeLogits.Select(f => 0.5 * Sigmoid(f) / FakeLogits.Length)) is { } fakeGrad)
            return BuildCheck.Fail(fakeGrad);
        float[] wrongReal = [-Confident, -Confident], wrongFake = [Confident, Confident];
        if (Evaluate("DLoss on confident logits", () => loss(Logits(wrongReal), Logits(wrongFake)), out var confident) is { } failed2)
            return failed2;
        if (!Close(confident.ToDouble(), ReferenceD(wrongReal, wrongFake)))
            return BuildCheck.Fail($"for a critic that is sure and wrong (logits ±{Confident}) your loss is " +
                                   $"{BuildCheck.Show(confident.ToDouble())}, not the cross-entropy's value: a sigmoid of such logits " +
                                   "rounds to exactly 0 or 1 in float32, so the log is infinite or clamped. Compute the loss from the " +
                                   "logits: binary_cross_entropy_with_logits (or softplus), no sigmoid of your own.");
        return BuildCheck.Pass("one number, right on known logits (also confident ones), with the right gradient for both halves.");
    }

    /// <summary>
    /// Checks <c>GLoss(fakeLogits)</c>: one differentiable number, the non-saturating generator loss −log D(G(z)) averaged
    /// over the batch (binary cross-entropy with target 1, as in the assignment and notebook 07), on known logits, with
    /// the right gradient, and finite for confident logits. A wrong value is matched against the usual mistakes (the
    /// minimax cost, target 0, a sigmoid applied twice, a factor ½, the sign flipped, the maximum-likelihood cost).
    /// </summary>
    public static BuildCheck GeneratorLoss(Func<Tensor, Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        using var scope = NewDisposeScope();
        var fake = Logits(FakeLogits);
        if (Evaluate("GLoss", () => loss(fake), out var value) is { } failed) return failed;
        if (NotFinite("GLoss", value) is { } infinite) return infinite;
        double expected = ReferenceG(FakeLogits);
        if (!Close(value.ToDouble(), expected))
            return BuildCheck.Fail($"on a known batch of 8 generated logits your loss is {BuildCheck.Show(value.ToDouble())}: " +
                                   Diagnose(value.ToDouble(), GeneratorMistakes(),
                                       "it is not the binary cross-entropy with target 1 (−log D(G(z))) averaged over the batch."));
        value.backward();
        if (GradientProblem("the generated logits", fake, FakeLogits.Select(f => -Sigmoid(-f) / FakeLogits.Length)) is { } gradient)
            return BuildCheck.Fail(gradient);
        float[] rejected = [-Confident, -Confident];
        if (Evaluate("GLoss on confident logits", () => loss(Logits(rejected)), out var confident) is { } failed2) return failed2;
        if (!Close(confident.ToDouble(), ReferenceG(rejected)))
            return BuildCheck.Fail($"when D rejects the samples with certainty (logits −{Confident}) your loss is " +
                                   $"{BuildCheck.Show(confident.ToDouble())}, not the cross-entropy's value: a sigmoid of such logits " +
                                   "rounds to exactly 0 in float32, so the log is infinite or clamped. Compute the loss from the " +
                                   "logits: binary_cross_entropy_with_logits (or softplus), no sigmoid of your own.");
        return BuildCheck.Pass("one number, right on known logits (also confident ones), with the right gradient.");
    }

    static IEnumerable<(string Mistake, double Value)> DiscriminatorMistakes()
    {
        double[] r = [.. RealLogits.Select(x => (double)x)], f = [.. FakeLogits.Select(x => (double)x)];
        double realHalf = r.Average(x => Softplus(-x)), fakeHalf = f.Average(Softplus);
        yield return ("that is the loss with the labels swapped: real images get target 1 and generated ones target 0 " +
                      "(D wants D(x) near 1 and D(G(z)) near 0).", ReferenceD(FakeLogits, RealLogits));
        yield return ("that is what the loss gives after a sigmoid: the logits went through a sigmoid before a loss that applies " +
                      "its own (binary_cross_entropy_with_logits). Pass the logits themselves.",
                      0.5 * r.Average(x => Softplus(-Sigmoid(x))) + 0.5 * f.Average(x => Softplus(Sigmoid(x))));
        yield return ("that is the sum of the two halves: average them instead, J(D) = −½ E log D(x) − ½ E log(1 − D(G(z))).",
                      realHalf + fakeHalf);
        yield return ("only the real images count in it: add the generated half (target 0) and average the two.", realHalf);
        yield return ("only the real images count in it: add the generated half (target 0) and average the two.", 0.5 * realHalf);
        yield return ("only the generated images count in it: add the real half (target 1) and average the two.", fakeHalf);
        yield return ("only the generated images count in it: add the real half (target 1) and average the two.", 0.5 * fakeHalf);
        yield return ("the generated images got target 1 as well: D must call them fake, target 0.",
                      0.5 * realHalf + 0.5 * f.Average(x => Softplus(-x)));
        yield return ("the real images got target 0 as well: D must call them real, target 1.",
                      0.5 * r.Average(Softplus) + 0.5 * fakeHalf);
        yield return ("that is the negative of the loss (V(D, G)/2, which D maximises): the loss D minimises is the cross-entropy.",
                      -ReferenceD(RealLogits, FakeLogits));
    }

    static IEnumerable<(string Mistake, double Value)> GeneratorMistakes()
    {
        double[] f = [.. FakeLogits.Select(x => (double)x)];
        double nonSaturating = ReferenceG(FakeLogits);
        yield return ("that is the minimax cost E log(1 − D(G(z))), which saturates when D rejects the samples (notebook 05): " +
                      "use the non-saturating −log D(G(z)), i.e. target 1.", -f.Average(Softplus));
        yield return ("that is the minimax cost E log(1 − D(G(z))), which saturates when D rejects the samples (notebook 05): " +
                      "use the non-saturating −log D(G(z)), i.e. target 1.", -0.5 * f.Average(Softplus));
        yield return ("the generated images got target 0: the generator wants D to call them real, so its target is 1.",
                      f.Average(Softplus));
        yield return ("that is what the loss gives after a sigmoid: the logits went through a sigmoid before a loss that applies " +
                      "its own (binary_cross_entropy_with_logits). Pass the logits themselves.", f.Average(x => Softplus(-Sigmoid(x))));
        yield return ("it has a factor ½: the generator's loss here is the plain binary cross-entropy with target 1, as in " +
                      "DeepLearning.AI's assignment and notebook 07 (the ½ belongs to J(D)'s two halves).", 0.5 * nonSaturating);
        yield return ("that is the negative of the loss: minimise −log D(G(z)), not log D(G(z)).", -nonSaturating);
        yield return ("that is the maximum-likelihood cost −E exp(σ⁻¹(D(G(z)))) of notebook 05; this GAN uses the " +
                      "non-saturating −log D(G(z)).", -f.Average(Math.Exp));
    }

    /// <summary>Runs a loss; null when it returned one differentiable number.</summary>
    static BuildCheck? Evaluate(string what, Func<Tensor> call, out Tensor value)
    {
        if (BuildCheck.Run(what, call, out value) is { } failed) return failed;
        if (value.numel() != 1)
            return BuildCheck.Fail($"{what} returns a tensor of shape {BuildCheck.Shape(value)}: a loss is one number, the mean " +
                                   "over the batch (the losses' default reduction).");
        if (!value.requires_grad)
            return BuildCheck.Fail($"{what} is cut off from the logits (a .item(), detach() or no_grad() on the way?), so " +
                                   "backward() could not train anything.");
        return null;
    }

    static BuildCheck? NotFinite(string what, Tensor value) => double.IsFinite(value.ToDouble())
        ? null
        : BuildCheck.Fail($"{what} is {value.ToDouble()} on ordinary logits: compute it from the logits with " +
                          "binary_cross_entropy_with_logits (or softplus).");

    static string? GradientProblem(string what, Tensor input, IEnumerable<double> expected)
    {
        if (input.grad is not { } g) return $"backward() gives {what} no gradient: that half of the loss is cut off from them.";
        float[] actual = Values(g);
        return actual.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 1e-5 + 1e-4 * Math.Abs(p.Second))
            ? null
            : $"the loss has the right value but the wrong gradient for {what}: is part of it computed outside the graph " +
              "(a number from .item() turned back into a tensor)?";
    }

    static string Diagnose(double value, IEnumerable<(string Mistake, double Value)> mistakes, string otherwise) =>
        mistakes.FirstOrDefault(m => Close(value, m.Value)).Mistake ?? otherwise;

    static Tensor Logits(float[] values) => tensor(values, [values.Length, 1], requires_grad: true);

    static bool Close(double actual, double expected) => Math.Abs(actual - expected) <= 1e-4 * Math.Max(1, Math.Abs(expected));

    static double ReferenceD(float[] real, float[] fake) =>
        0.5 * real.Average(x => Softplus(-x)) + 0.5 * fake.Average(x => Softplus(x));

    static double ReferenceG(float[] fake) => fake.Average(x => Softplus(-x));

    static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
