using static TorchSharp.torch;

namespace GanCourse;

/// <summary>The exercise checks of notebook 01 (the adversarial game).</summary>
/// <remarks>Introduced in notebook 01.</remarks>
public static class Checks01
{
    /// <summary>Exercise 1: V(D, G) when D(x) = ½ everywhere, checked with the library's loss (J(D) = −V/2; logit 0 is D = ½).</summary>
    public static CheckResult Exercise1(double answer) =>
        Exercise.Compare("Exercise 1", answer, ValueFromLogits(0, 0), Tolerance.Absolute(1e-5),
            "V = E log D(x) + E log(1 − D(G(z))): two log-probabilities added, and it is the value V, not the loss −V/2.");

    /// <summary>Exercise 2: V̂ for D(x) = 0.8 on every real sample and D(G(z)) = 0.3 on every fake one.</summary>
    public static CheckResult Exercise2(double answer) =>
        Exercise.Compare("Exercise 2", answer, ValueFromLogits(Logit(0.8), Logit(0.3)), Tolerance.Absolute(1e-5),
            "the fake half contributes log(1 − D(G(z))), the log of the critic's probability that the forgery is fake.")
            .OnPass("It is above −log 4, the clueless critic's value: this critic, which maximises V, is doing better.");

    /// <summary>
    /// Exercise 3: { forward passes of D, forward passes of G } in one training step with k = 3 critic steps, checked
    /// against the counts measured in <c>GanTrainer</c> (<paramref name="dCalls"/>, <paramref name="gCalls"/>).
    /// </summary>
    public static CheckResult Exercise3(IReadOnlyList<double>? answer, int dCalls, int gCalls) =>
        Exercise.Compare("Exercise 3", answer, [dCalls, gCalls], Tolerance.Absolute(0),
            "each critic update runs D on a real and on a fake batch, and the fake batch needs G; the forger's update then runs G and D once more.",
            ["D's forward passes", "G's forward passes"]);

    static double Logit(double p) => System.Math.Log(p / (1 - p));

    /// <summary>V̂ = −2·J(D) on a batch of 64 equal real logits and 64 equal fake logits.</summary>
    static double ValueFromLogits(double realLogit, double fakeLogit)
    {
        using var scope = NewDisposeScope();
        var real = full(new long[] { 64, 1 }, realLogit);
        var fake = full(new long[] { 64, 1 }, fakeLogit);
        return -2 * DiscriminatorLoss.Standard(real, fake).item<float>();
    }
}
